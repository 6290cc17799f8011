import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ReportRow } from '../../../shared/contract/corrections';
import { href } from '../../app/router';
import { useRevision } from '../../app/store';
import { ErrorAlert, Loading, PageTitle } from '../../app/ui';
import { formatDateTimeFr } from '../../lib/format';
import { call } from '../../transport/call';
import { useCall } from '../../transport/useCall';
import { saveFailure, type SaveFailure } from './fieldErrors';
import { describe, Field } from './Field';
import { GuardianSearch } from './GuardianSearch';

const SOURCE: Record<ReportRow['source'], string> = { service: 'Espace parents', phone: 'Téléphone', counter: 'Accueil' };
const RESOLUTION: Record<NonNullable<ReportRow['resolution']>, string> = {
  unlink: 'Lien retiré',
  move: 'Lien déplacé',
  correct: 'Identité corrigée',
  reject: 'Refusé',
};

/** « ouvert depuis 3 jours », from whole hours. */
export function ageText(hours: number): string {
  if (hours < 1) return 'ouvert depuis moins d’une heure';
  if (hours < 24) return `ouvert depuis ${hours} heure${hours > 1 ? 's' : ''}`;
  const days = Math.floor(hours / 24);
  return `ouvert depuis ${days} jour${days > 1 ? 's' : ''}`;
}

/** What is missing before a report can be recorded; null when both are chosen. */
export function missingChoice(guardianChosen: boolean, studentId: string): SaveFailure | null {
  if (!guardianChosen) return { message: 'Choisissez le parent puis l’enfant concerné.', fields: { guardianId: 'Choisissez le parent.' } };
  if (!studentId) return { message: 'Choisissez l’enfant concerné.', fields: { studentId: 'Choisissez l’enfant.' } };
  return null;
}

function RecordForm({ onDone }: { onDone: (msg: string) => void }) {
  const [guardian, setGuardian] = useState<{ id: string; label: string } | null>(null);
  const detail = useCall('guardians.get', { id: guardian?.id ?? '-' }, guardian?.id ?? '');
  const [studentId, setStudentId] = useState('');
  const [comment, setComment] = useState('');
  const [source, setSource] = useState<'phone' | 'counter'>('phone');
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  // Bumped after a save: the parent search starts empty again instead of offering the last parent.
  const [round, setRound] = useState(0);
  const loaded = guardian !== null && detail.data?.id === guardian.id;
  const children = loaded ? detail.data!.children : [];
  // A parent with a single child: that child is the one meant, chosen once when the children arrive
  // (set during render, React's pattern for state following a prop, so the select never shows it empty).
  const [preselectedFor, setPreselectedFor] = useState<string | null>(null);
  if (loaded && guardian && preselectedFor !== guardian.id) {
    setPreselectedFor(guardian.id);
    if (children.length === 1 && children[0]) setStudentId(children[0].student.id);
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = missingChoice(guardian !== null, studentId);
    if (missing || !guardian) {
      setFailure(missing);
      return;
    }
    try {
      await call('reports.record', { guardianId: guardian.id, studentId, comment: comment.trim() || null, source });
      setFailure(null);
      setGuardian(null);
      setStudentId('');
      setComment('');
      setRound((r) => r + 1);
      onDone('Signalement enregistré.');
    } catch (err) {
      setFailure(saveFailure(err));
    }
  };
  const errors = failure?.fields ?? {};
  return (
    <form className="panel form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="report-record">
      <h2 id="report-record">Enregistrer un signalement reçu par téléphone ou à l’accueil</h2>
      <ErrorAlert message={failure?.message} />
      <GuardianSearch key={round} id="report-guardian" label="Parent qui signale" picked={guardian} onPick={(g) => { setGuardian(g); setStudentId(''); setPreselectedFor(null); }} />
      {errors.guardianId && <p className="field-error">{errors.guardianId}</p>}
      <Field form="report" field="studentId" label="Enfant qui n’est pas le sien" error={errors.studentId}>
        <select {...describe('report', 'studentId', errors.studentId)} value={studentId} onChange={(e) => setStudentId(e.target.value)} disabled={!guardian}>
          <option value="">{guardian ? 'Choisir l’enfant' : 'Choisissez d’abord le parent'}</option>
          {children.map((c) => (
            <option key={c.student.id} value={c.student.id}>
              {c.student.lastName} {c.student.firstName} {c.student.division ? `(${c.student.division})` : ''}
            </option>
          ))}
        </select>
      </Field>
      <Field form="report" field="source" label="Reçu">
        <select {...describe('report', 'source', undefined)} value={source} onChange={(e) => setSource(e.target.value === 'counter' ? 'counter' : 'phone')}>
          <option value="phone">Par téléphone</option>
          <option value="counter">À l’accueil</option>
        </select>
      </Field>
      <Field form="report" field="comment" label="Ce que dit le parent" error={errors.comment}>
        <textarea {...describe('report', 'comment', errors.comment)} value={comment} onChange={(e) => setComment(e.target.value)} rows={3} />
      </Field>
      <p className="actions">
        <button type="submit" className="primary">
          Enregistrer le signalement
        </button>
      </p>
    </form>
  );
}

type Choice = 'unlink' | 'move' | 'correct' | 'reject';

function ResolveDialog({ report, onClose }: { report: ReportRow; onClose: (msg: string | null) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  // No decision chosen in advance: removing a link is not undone by one Enter by mistake.
  const [choice, setChoice] = useState<Choice | null>(null);
  const [to, setTo] = useState<{ id: string; label: string } | null>(null);
  const [note, setNote] = useState('');
  const [lastName, setLastName] = useState('');
  const [firstName, setFirstName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  useEffect(() => {
    ref.current?.showModal?.();
  }, []);
  const errors = failure?.fields ?? {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = note.trim() || null;
    if (choice === null) {
      setFailure({ message: 'Choisissez une décision.', fields: { resolution: 'Choisissez une décision.' } });
      return;
    }
    try {
      if (choice === 'unlink') await call('reports.resolve', { id: report.id, resolution: 'unlink', note: n });
      else if (choice === 'move') {
        if (!to) {
          setFailure({ message: 'Choisissez le bon responsable.', fields: { toGuardianId: 'Choisissez le bon responsable.' } });
          return;
        }
        await call('reports.resolve', { id: report.id, resolution: 'move', toGuardianId: to.id, note: n });
      } else if (choice === 'correct') {
        const student: Record<string, string> = {};
        if (lastName.trim()) student.lastName = lastName;
        if (firstName.trim()) student.firstName = firstName;
        if (birthDate.trim()) student.birthDate = birthDate;
        await call('reports.resolve', { id: report.id, resolution: 'correct', student, note: n });
      } else {
        await call('reports.resolve', { id: report.id, resolution: 'reject', reason: note });
      }
      // Unmounting closes the dialog; calling close() here would also fire onClose(null).
      onClose('Signalement traité.');
    } catch (err) {
      setFailure(saveFailure(err));
    }
  };
  const noteLabel = choice === 'reject' ? 'Raison donnée au parent' : 'Note (facultative)';
  const noteField = choice === 'reject' ? 'reason' : 'note';
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="resolve-title" onClose={() => onClose(null)}>
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        <h2 id="resolve-title">Traiter le signalement</h2>
        <p>
          {report.guardian?.label ?? 'Parent inconnu'} — {report.student?.label ?? 'enfant inconnu'}
        </p>
        <ErrorAlert message={failure?.message} />
        <fieldset className="group choices-col" aria-describedby={errors.resolution ? 'resolve-resolution-error' : undefined}>
          <legend>Décision</legend>
          {errors.resolution && (
            <p id="resolve-resolution-error" className="field-error">
              {errors.resolution}
            </p>
          )}
          {(
            [
              ['unlink', 'Retirer le lien : ce n’est pas son enfant'],
              ['move', 'Déplacer le lien vers le bon responsable (homonyme)'],
              ['correct', 'Corriger l’identité de l’enfant'],
              ['reject', 'Refuser : rien n’est faux dans le registre'],
            ] as const
          ).map(([value, text]) => (
            <label key={value} className="checkbox">
              <input type="radio" name="resolution" checked={choice === value} onChange={() => { setChoice(value); setFailure(null); }} />
              {text}
            </label>
          ))}
        </fieldset>
        {choice === 'move' && (
          <>
            <GuardianSearch id="resolve-to" label="Bon responsable" exclude={report.guardian?.id} picked={to} onPick={setTo} />
            {errors.toGuardianId && <p className="field-error">{errors.toGuardianId}</p>}
          </>
        )}
        {choice === 'correct' && (
          <div className="row-fields">
            <Field form="resolve" field="student.lastName" label="Nom de l’enfant" error={errors['student.lastName'] ?? errors.lastName}>
              <input {...describe('resolve', 'student.lastName', errors['student.lastName'] ?? errors.lastName)} value={lastName} onChange={(e) => setLastName(e.target.value)} />
            </Field>
            <Field form="resolve" field="student.firstName" label="Prénom de l’enfant" error={errors['student.firstName'] ?? errors.firstName}>
              <input {...describe('resolve', 'student.firstName', errors['student.firstName'] ?? errors.firstName)} value={firstName} onChange={(e) => setFirstName(e.target.value)} />
            </Field>
            <Field form="resolve" field="student.birthDate" label="Date de naissance" error={errors['student.birthDate'] ?? errors.birthDate}>
              <input {...describe('resolve', 'student.birthDate', errors['student.birthDate'] ?? errors.birthDate)} className="short" value={birthDate} onChange={(e) => setBirthDate(e.target.value)} />
            </Field>
          </div>
        )}
        <Field form="resolve" field={noteField} label={noteLabel} error={errors[noteField]}>
          <textarea {...describe('resolve', noteField, errors[noteField])} value={note} onChange={(e) => setNote(e.target.value)} rows={3} />
        </Field>
        <p className="actions">
          <button type="submit" className="primary">
            Valider
          </button>
          <button type="button" onClick={() => ref.current?.close()}>
            Fermer
          </button>
        </p>
      </form>
    </dialog>
  );
}

/** « Ce n’est pas mon enfant »: the reports, urgent (oldest open) first, and their resolution. */
export function ReportsPage() {
  const revision = useRevision('report', 'guardian', 'student');
  const [state, setState] = useState<'open' | 'closed'>('open');
  const [nonce, setNonce] = useState(0);
  const { data, error } = useCall('reports.list', { state, offset: 0, limit: 200 }, `${revision}-${nonce}`);
  const [resolving, setResolving] = useState<ReportRow | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <>
      <PageTitle>Signalements « Ce n’est pas mon enfant »</PageTitle>
      <p role="status" aria-live="polite" className="success-text">
        {status}
      </p>
      <ErrorAlert message={error?.message} />
      <section aria-labelledby="reports-list" className="panel">
        <h2 id="reports-list">{state === 'open' ? `À traiter (${data?.open ?? 0})` : 'Traités'}</h2>
        <p className="actions">
          <button type="button" aria-pressed={state === 'open'} onClick={() => setState('open')}>
            À traiter
          </button>
          <button type="button" aria-pressed={state === 'closed'} onClick={() => setState('closed')}>
            Traités
          </button>
        </p>
        {!data ? (
          <Loading />
        ) : data.rows.length === 0 ? (
          <p>Aucun signalement {state === 'open' ? 'à traiter' : 'traité'}.</p>
        ) : (
          <table className="table" data-testid="reports">
            <caption className="visually-hidden">Signalements</caption>
            <thead>
              <tr>
                <th scope="col">Parent</th>
                <th scope="col">Enfant</th>
                <th scope="col">Commentaire du parent</th>
                <th scope="col">Reçu</th>
                <th scope="col">{state === 'open' ? 'Ancienneté' : 'Décision'}</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.guardian ? <a href={href({ name: 'guardian', id: r.guardian.id })}>{r.guardian.label}</a> : '—'}</th>
                  <td>{r.student ? <a href={href({ name: 'student', id: r.student.id })}>{r.student.label}</a> : '—'}</td>
                  <td className="samples">{r.comment ?? '—'}</td>
                  <td>
                    {SOURCE[r.source]}
                    <span className="muted small"> {formatDateTimeFr(r.createdAt)}</span>
                  </td>
                  <td>
                    {r.state === 'open' ? (
                      <span className={r.ageHours >= 72 ? 'badge badge-error' : 'badge badge-warning'}>{ageText(r.ageHours)}</span>
                    ) : (
                      <>
                        {r.resolution ? RESOLUTION[r.resolution] : r.state}
                        {r.resolution === 'move' && r.movedTo && (
                          <>
                            {' vers '}
                            <a href={href({ name: 'guardian', id: r.movedTo.id })}>{r.movedTo.label}</a>
                          </>
                        )}
                        {r.resolutionNote && <span className="muted"> — {r.resolutionNote}</span>}
                        {r.resolvedBy && <span className="muted small"> par {r.resolvedBy}</span>}
                      </>
                    )}
                  </td>
                  <td>
                    {r.state === 'open' && (
                      <button type="button" onClick={() => { setStatus(null); setResolving(r); }}>
                        Traiter le signalement de {r.guardian?.label ?? 'ce parent'}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <RecordForm onDone={(msg) => { setStatus(msg); setNonce((n) => n + 1); }} />
      {resolving && (
        <ResolveDialog
          report={resolving}
          onClose={(msg) => {
            setResolving(null);
            if (msg) {
              setStatus(msg);
              setNonce((n) => n + 1);
            }
          }}
        />
      )}
    </>
  );
}
