import { useState } from 'react';
import type { HistoryEntry } from '../../../shared/contract/corrections';
import { useRevision } from '../../app/store';
import { ErrorAlert, Loading } from '../../app/ui';
import { formatDateTimeFr } from '../../lib/format';
import { call, errorMessage } from '../../transport/call';
import { useCall } from '../../transport/useCall';

const SOURCE_LABELS: Record<HistoryEntry['source'], string> = {
  import: 'Import',
  edit: 'Modification',
  sync: 'Synchronisation',
  report: 'Signalement',
};

/** The core's human form of a value (formatted phone, date, names instead of ids); « — » when empty. */
function shown(value: string | null): string {
  return value === null || value === '' ? '—' : value;
}

/**
 * Short values (dates, phones, a class) stay on one line: `overflow-wrap: anywhere` alone let the
 * table squeeze the column and cut « 01/03/2014 » mid-date. Only long values (addresses, emails) wrap.
 */
export function valueClass(value: string | null): string {
  return value !== null && value.length > SHORT_VALUE ? 'samples' : 'samples short-value';
}
const SHORT_VALUE = 24;

const PAGE = 50;

/** « Historique » of a record: who, when, field, before, after, source; each change can be undone. */
export function HistorySection({ entity, id }: { entity: 'student' | 'guardian'; id: string }) {
  const revision = useRevision('student', 'guardian', 'import', 'report');
  const [limit, setLimit] = useState(PAGE);
  const { data, error, loading } = useCall('history.list', { entity, id, offset: 0, limit }, revision);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const revert = async (entry: HistoryEntry) => {
    // Undoing a link's creation or removal takes a guardian from a child or gives one back: asked first.
    if (entry.entity === 'guardianship' && entry.field === '*') {
      const what = entry.about ? ` (${entry.about})` : '';
      const question = entry.new === null ? `Rétablir ce rattachement${what} ?` : `Retirer ce rattachement${what} ? L’élève perdra ce responsable.`;
      if (!window.confirm(question)) return;
    }
    setBusy(entry.id);
    setFailure(null);
    setStatus(null);
    try {
      await call('history.revert', { auditId: entry.id });
      // A value and its raw form go back together: name the field, not its « (saisie d’origine) ».
      setStatus(`Modification annulée : ${entry.fieldLabel.replace(/ \(saisie d’origine\)$/, '')} a repris sa valeur précédente.`);
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby={`history-${entity}`} className="panel">
      <h2 id={`history-${entity}`}>Historique</h2>
      <p role="status" aria-live="polite" className="success-text">
        {status}
      </p>
      <ErrorAlert message={failure ?? error?.message} />
      {!data ? (
        loading ? <Loading /> : null
      ) : data.rows.length === 0 ? (
        <p>Aucune modification enregistrée.</p>
      ) : (
        <>
          <table className="table" data-testid="history">
            <caption className="visually-hidden">Historique des modifications</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Par</th>
                <th scope="col">Origine</th>
                <th scope="col">Champ</th>
                <th scope="col">Avant</th>
                <th scope="col">Après</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((h) => (
                <tr key={h.id}>
                  <td className="nowrap">{formatDateTimeFr(h.at)}</td>
                  <td>{h.actor}</td>
                  <td>{h.undo ? 'Annulation' : SOURCE_LABELS[h.source]}</td>
                  <th scope="row">
                    {h.fieldLabel}
                    {h.about && <span className="muted"> ({h.about})</span>}
                  </th>
                  <td className={valueClass(h.oldDisplay)}>{shown(h.oldDisplay)}</td>
                  <td className={valueClass(h.newDisplay)}>{shown(h.newDisplay)}</td>
                  <td>
                    {h.revertible && (
                      <button
                        type="button"
                        disabled={busy !== null}
                        onClick={() => void revert(h)}
                      >
                        Annuler cette modification
                        {/* Not aria-label: it would make the button a label of the form's field. */}
                        <span className="visually-hidden">
                          {' '}
                          ({h.fieldLabel}, {formatDateTimeFr(h.at)})
                        </span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.total > data.rows.length && (
            <p className="actions">
              <button type="button" onClick={() => setLimit((l) => Math.min(l + PAGE, 500))}>
                Afficher plus ({data.total - data.rows.length} restantes)
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
