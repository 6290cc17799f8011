import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { FieldWarning, StudentChanges, StudentForm } from '../../../shared/contract/corrections';
import { useUnsavedChanges } from '../../app/leaveGuard';
import { href } from '../../app/router';
import { useRevision } from '../../app/store';
import { ErrorAlert, Loading, PageTitle } from '../../app/ui';
import { formatDateFr, legalRankLabel } from '../../lib/format';
import { call } from '../../transport/call';
import { useCall } from '../../transport/useCall';
import { describe, Field, fieldId } from './Field';
import { saveFailure, type SaveFailure } from './fieldErrors';
import { HistorySection } from './HistorySection';
import { useFieldChecks } from './inlineCheck';

const FORM = 'student';

interface Draft {
  lastName: string;
  firstName: string;
  birthDate: string;
  division: string;
  status: 'enrolled' | 'left';
}

const draftOf = (f: StudentForm): Draft => ({
  lastName: f.lastName,
  firstName: f.firstName,
  birthDate: formatDateFr(f.birthDate) ?? f.birthDateRaw ?? '',
  division: f.division ?? '',
  status: f.status,
});

/** Only what changed is sent. */
export function studentChanges(before: Draft, after: Draft): StudentChanges {
  const c: StudentChanges = {};
  if (after.lastName !== before.lastName) c.lastName = after.lastName;
  if (after.firstName !== before.firstName) c.firstName = after.firstName;
  if (after.birthDate !== before.birthDate) c.birthDate = after.birthDate;
  if (after.division !== before.division) c.division = after.division.trim() === '' ? null : after.division;
  if (after.status !== before.status) c.status = after.status;
  return c;
}

interface Notice {
  saved: string | null;
  warnings: FieldWarning[];
}

function EditForm({ form, focusField, fromDesk, notice, onNotice, onSaved }: { form: StudentForm; focusField?: string; fromDesk: boolean; notice: Notice; onNotice: (n: Notice) => void; onSaved: () => void }) {
  const initial = draftOf(form);
  const [draft, setDraft] = useState(initial);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [busy, setBusy] = useState(false);
  // Inline checks (the import's rules); the core checks again on save.
  const { errors, edited, left } = useFieldChecks(failure, setFailure);
  const divisions = useCall('divisions.list', {});
  // Leaving with unsaved changes asks first. Measured from what was last saved: a save the core
  // found empty (same value written differently) keeps this form mounted, and must count as saved.
  const [savedDraft, setSavedDraft] = useState<Draft | null>(null);
  useUnsavedChanges(Object.keys(studentChanges(savedDraft ?? initial, draft)).length > 0);

  useEffect(() => {
    if (focusField) document.getElementById(fieldId(FORM, focusField))?.focus();
  }, [focusField]);
  // The outcome sits under the form, often below a laptop's screen: brought into view once saved.
  const statusRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (notice.saved) statusRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [notice.saved]);

  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (notice.saved) onNotice({ saved: null, warnings: [] });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const changes = studentChanges(initial, draft);
    if (Object.keys(changes).length === 0) {
      onNotice({ saved: 'Aucune modification à enregistrer.', warnings: [] });
      return;
    }
    setBusy(true);
    try {
      const r = await call('students.update', { id: form.id, baseVersion: form.version, changes });
      setFailure(null);
      setSavedDraft(draft);
      onNotice({ saved: r.changes > 0 ? 'Modifications enregistrées.' : 'Aucune modification à enregistrer.', warnings: r.warnings });
      onSaved();
    } catch (err) {
      const f = saveFailure(err);
      setFailure(f);
      const first = Object.keys(f.fields)[0];
      if (first) document.getElementById(fieldId(FORM, first))?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="student-edit-title">
      <h2 id="student-edit-title">Identité</h2>
      <ErrorAlert message={failure?.message} />
      <div className="row-fields">
        <Field form={FORM} field="lastName" label="Nom" error={errors.lastName}>
          <input {...describe(FORM, 'lastName', errors.lastName)} value={draft.lastName} onChange={(e) => { set({ lastName: e.target.value }); edited('lastName', e.target.value); }} onBlur={(e) => left('lastName', e.target.value, e.relatedTarget)} autoComplete="off" />
        </Field>
        <Field form={FORM} field="firstName" label="Prénom" error={errors.firstName}>
          <input {...describe(FORM, 'firstName', errors.firstName)} value={draft.firstName} onChange={(e) => { set({ firstName: e.target.value }); edited('firstName', e.target.value); }} onBlur={(e) => left('firstName', e.target.value, e.relatedTarget)} autoComplete="off" />
        </Field>
      </div>
      <Field form={FORM} field="birthDate" label="Date de naissance" error={errors.birthDate} hint="Par exemple 03/05/2014 ou 3 mai 2014.">
        <input {...describe(FORM, 'birthDate', errors.birthDate, true)} className="short" value={draft.birthDate} onChange={(e) => { set({ birthDate: e.target.value }); edited('birthDate', e.target.value); }} onBlur={(e) => left('birthDate', e.target.value, e.relatedTarget)} autoComplete="off" />
      </Field>
      <div className="row-fields">
        <Field form={FORM} field="division" label="Classe" error={errors.division}>
          <input {...describe(FORM, 'division', errors.division)} className="short" list="student-divisions" value={draft.division} onChange={(e) => set({ division: e.target.value })} autoComplete="off" />
          <datalist id="student-divisions">
            {(divisions.data ?? []).map((d) => (
              <option key={d.name} value={d.name} />
            ))}
          </datalist>
        </Field>
        <Field form={FORM} field="status" label="Statut" error={errors.status}>
          <select {...describe(FORM, 'status', errors.status)} value={draft.status} onChange={(e) => set({ status: e.target.value === 'left' ? 'left' : 'enrolled' })}>
            <option value="enrolled">Inscrit</option>
            <option value="left">Sorti</option>
          </select>
        </Field>
      </div>
      {notice.warnings.length > 0 && (
        <div className="alert alert-warning">
          <p>Enregistré, mais à vérifier :</p>
          <ul>
            {notice.warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Enregistrer
        </button>
        <a href={href({ name: 'student', id: form.id })}>Retour à la fiche</a>
        {/* Opened from « À corriger » (a field to fix): the way back to the list, where it was. */}
        {fromDesk && <a href={href({ name: 'anomalies' })}>Retour à « À corriger »</a>}
        <span ref={statusRef} role="status" aria-live="polite" className="success-text">
          {notice.saved}
        </span>
      </div>
    </form>
  );
}

/** « Modifier » a student: identity, class, status, and the history. */
export function StudentEditPage({ id, field }: { id: string; field?: string }) {
  const revision = useRevision('student', 'guardian', 'import', 'report');
  const [nonce, setNonce] = useState(0);
  const [notice, setNotice] = useState<Notice>({ saved: null, warnings: [] });
  const { data: form, error, loading } = useCall('students.editForm', { id }, `${revision}-${nonce}`);
  if (!form) {
    return (
      <>
        <PageTitle>Modifier un élève</PageTitle>
        {loading ? <Loading /> : <ErrorAlert message={error?.message ?? 'Élève introuvable.'} />}
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <a href={href({ name: 'student', id })}>← Retour à la fiche</a>
      </p>
      <PageTitle>
        Modifier : {form.lastName} {form.firstName}
      </PageTitle>
      {/* The field to fix gets the focus once; after a save, the outcome is what to see. */}
      <EditForm key={form.version} form={form} focusField={notice.saved ? undefined : field} fromDesk={field !== undefined} notice={notice} onNotice={setNotice} onSaved={() => setNonce((n) => n + 1)} />
      <section aria-labelledby="student-edit-guardians" className="panel">
        <h2 id="student-edit-guardians">Responsables ({form.guardians.length})</h2>
        <p className="muted">Le lien et le rang se modifient depuis la fiche de chaque responsable.</p>
        {form.guardians.length === 0 ? (
          <p>Aucun responsable : rattachez cet élève depuis la fiche d’un responsable.</p>
        ) : (
          <ul className="plain lookalikes">
            {form.guardians.map((g) => (
              <li key={g.linkId}>
                <a href={href({ name: 'guardianEdit', id: g.guardianId })}>Modifier {g.guardianLabel}</a>{' '}
                <span className="muted">
                  {g.relation ?? 'lien non renseigné'} · {legalRankLabel(g.legalRank)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <HistorySection entity="student" id={id} />
    </>
  );
}
