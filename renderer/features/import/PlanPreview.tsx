import type { Conflict, Plan, PlannedUpdate } from '../../../shared/contract/import';
import { ErrorAlert } from '../../app/ui';
import { formatDateTimeFr, formatNumber } from '../../lib/format';
import { Counts } from './Counts';
import { ProblemList } from './ProblemList';
import { useImportStore } from './store';

const LIST_LIMIT = 500;

function ConflictItem({ conflict }: { conflict: Conflict }) {
  const choice = useImportStore((s) => s.conflictChoices[conflict.id] ?? 'keep');
  const setChoice = useImportStore((s) => s.setConflictChoice);
  const name = `conflict-${conflict.id}`;
  const when = formatDateTimeFr(conflict.changedAt);
  return (
    <li className="conflict">
      <fieldset>
        <legend>
          {conflict.label} — {conflict.fieldLabel}
        </legend>
        <dl className="compare">
          <div>
            <dt>Valeur actuelle (corrigée{conflict.changedBy ? ` par ${conflict.changedBy}` : ''}{when ? ` le ${when}` : ''})</dt>
            <dd>{conflict.currentText ?? <span className="muted">vide</span>}</dd>
          </div>
          <div>
            <dt>Valeur du fichier</dt>
            <dd>{conflict.incomingText ?? <span className="muted">vide</span>}</dd>
          </div>
        </dl>
        <div className="choices">
          <label>
            <input type="radio" name={name} checked={choice === 'keep'} onChange={() => setChoice(conflict.id, 'keep')} />
            Garder la correction
          </label>
          <label>
            <input
              type="radio"
              name={name}
              checked={choice === 'incoming'}
              onChange={() => setChoice(conflict.id, 'incoming')}
            />
            Prendre la valeur du fichier
          </label>
        </div>
      </fieldset>
    </li>
  );
}

function Conflicts({ conflicts }: { conflicts: Conflict[] }) {
  const setAll = useImportStore((s) => s.setAllConflicts);
  if (conflicts.length === 0) return null;
  return (
    <section aria-labelledby="plan-conflicts" className="panel">
      <h3 id="plan-conflicts">Corrections en conflit ({formatNumber(conflicts.length)})</h3>
      <p>
        Ces valeurs ont été corrigées au secrétariat depuis le dernier import, et le fichier en donne une autre.
        Sans choix de votre part, la correction est gardée.
      </p>
      <div className="actions">
        <button type="button" onClick={() => setAll('keep')}>
          Tout garder
        </button>
        <button type="button" onClick={() => setAll('incoming')}>
          Tout prendre du fichier
        </button>
      </div>
      <ul className="plain">
        {conflicts.map((c) => (
          <ConflictItem key={c.id} conflict={c} />
        ))}
      </ul>
    </section>
  );
}

const shown = (v: string | null) => v ?? 'vide';

function UpdateItem({ update }: { update: PlannedUpdate }) {
  return (
    <li>
      <strong>{update.label}</strong>
      <span className="muted"> — {update.entity === 'student' ? 'élève' : 'responsable'}</span>
      <ul>
        {update.changes.map((c, i) => (
          <li key={i}>
            {c.fieldLabel} : {c.field === 'guardianship' && c.before === null ? shown(c.after) : `${c.before ?? 'vide'} → ${shown(c.after)}`}
          </li>
        ))}
      </ul>
    </li>
  );
}

/** What a re-import would change in records already there, before anything is written. */
function Updates({ plan }: { plan: Plan }) {
  if (plan.updatesTotal === 0) return null;
  const more = plan.updatesTotal - plan.updates.length;
  return (
    <section aria-labelledby="plan-updates" className="panel">
      <h3 id="plan-updates">Fiches modifiées ({formatNumber(plan.updatesTotal)})</h3>
      <details>
        <summary>Voir ce qui change</summary>
        <ul className="plain updates">
          {plan.updates.map((u) => (
            <UpdateItem key={`${u.entity}:${u.entityId}`} update={u} />
          ))}
        </ul>
        {more > 0 && <p className="muted">Et {formatNumber(more)} autres fiches.</p>}
      </details>
    </section>
  );
}

function LookAlikes({ plan }: { plan: Plan }) {
  if (plan.lookAlikes.length === 0) return null;
  const withFile = new Set(plan.lookAlikes.flatMap((l) => l.rows.map((r) => r.file))).size > 1;
  return (
    <section aria-labelledby="plan-lookalikes" className="panel">
      <h3 id="plan-lookalikes">Responsables qui se ressemblent ({formatNumber(plan.lookAlikes.length)})</h3>
      <p>
        Ces fiches pourraient être une seule personne, mais les preuves ne suffisent pas : Sésame ne les fusionne pas.
        Celles qui ont un indice en commun (même adresse, même numéro, enfants d’une même famille) seront proposées à la
        fusion dans « À corriger » ; les autres sont de simples homonymes, à fusionner à la main seulement si vous savez
        qu’il s’agit de la même personne.
      </p>
      <ul className="plain lookalikes">
        {plan.lookAlikes.slice(0, LIST_LIMIT).map((l, i) => (
          <li key={i}>
            <strong>{l.label}</strong> — {l.reason}
            {l.rows.length > 0 && (
              <span className="muted">
                {' '}
                ({l.rows.map((r) => (withFile ? `${r.file}, ligne ${r.row}` : `ligne ${r.row}`)).join(' ; ')})
              </span>
            )}
          </li>
        ))}
      </ul>
      {plan.lookAlikes.length > LIST_LIMIT && (
        <p className="muted">Et {formatNumber(plan.lookAlikes.length - LIST_LIMIT)} autres.</p>
      )}
    </section>
  );
}

function Absent({ plan }: { plan: Plan }) {
  const mark = useImportStore((s) => s.markAbsentAsLeft);
  const setMark = useImportStore((s) => s.setMarkAbsent);
  if (plan.absent.length === 0) return null;
  const n = plan.absent.length;
  return (
    <section aria-labelledby="plan-absent" className="panel">
      <h3 id="plan-absent">Élèves absents du fichier ({formatNumber(n)})</h3>
      {plan.fullExport ? (
        <label className="checkbox">
          <input type="checkbox" checked={mark} onChange={(e) => setMark(e.target.checked)} />
          Marquer {n > 1 ? `ces ${formatNumber(n)} élèves` : 'cet élève'} comme sorti{n > 1 ? 's' : ''}
        </label>
      ) : (
        <p>Ce fichier ne semble pas être un export complet : ces élèves restent inscrits.</p>
      )}
      <details>
        <summary>Voir la liste</summary>
        <ul className="columns">
          {plan.absent.slice(0, LIST_LIMIT).map((a) => (
            <li key={a.id}>{a.label}</li>
          ))}
        </ul>
        {n > LIST_LIMIT && <p className="muted">Et {formatNumber(n - LIST_LIMIT)} autres.</p>}
      </details>
    </section>
  );
}

export function PlanPreview() {
  const prepared = useImportStore((s) => s.prepared);
  const commit = useImportStore((s) => s.commit);
  const cancel = useImportStore((s) => s.cancel);
  const reanalyse = useImportStore((s) => s.reanalyse);
  const error = useImportStore((s) => s.error);
  const busy = useImportStore((s) => s.busy);
  const markLeft = useImportStore((s) => s.markAbsentAsLeft);
  const plan = prepared?.plan;
  if (!prepared || !plan) return null;
  // The tile follows the box: absent students are marked left only when the person ticks it.
  const left = markLeft && plan.fullExport ? plan.absent.length : 0;
  return (
    <section aria-labelledby="step-preview">
      <h2 id="step-preview">Étape 3 : vérifier avant d’importer</h2>
      <p>
        Rien n’est encore enregistré. Fichier{prepared.files.length > 1 ? 's' : ''} :{' '}
        {prepared.files.map((f) => `${f.name} (${f.encoding}, ${formatNumber(f.dataRows)} lignes)`).join(' ; ')}.
      </p>
      <ErrorAlert message={error?.message}>
        {error?.code === 'stale' && (
          <button type="button" onClick={() => void reanalyse()}>
            Analyser à nouveau
          </button>
        )}
      </ErrorAlert>
      <Counts
        students={{ ...plan.students, left }}
        guardians={plan.guardians}
        rejected={plan.rejectedRows}
        rows={plan.rows}
        future
      />
      <div className="actions">
        <button type="button" className="primary" disabled={busy !== null} onClick={() => void commit()}>
          Importer
        </button>
        <button type="button" onClick={() => void cancel()}>
          Annuler
        </button>
      </div>
      <Absent plan={plan} />
      <Conflicts conflicts={plan.conflicts} />
      <Updates plan={plan} />
      <ProblemList problems={plan.problems} title="Problèmes détectés" />
      <LookAlikes plan={plan} />
    </section>
  );
}
