import { useState } from 'react';
import type { AnomalyEntry, AnomalyKind } from '../../../shared/contract/corrections';
import { href, type Route } from '../../app/router';
import { useRevision } from '../../app/store';
import { ErrorAlert, Loading, PageTitle } from '../../app/ui';
import { formatDateTimeFr, formatNumber, plural } from '../../lib/format';
import { call, errorMessage } from '../../transport/call';
import { useCall } from '../../transport/useCall';

const PAGE = 50;
const APPLICABLE = ['guardian.invalid_mobile', 'guardian.invalid_email', 'guardian.email_typo'] as const;
type Applicable = (typeof APPLICABLE)[number];
const isApplicable = (k: AnomalyKind): k is Applicable => (APPLICABLE as readonly string[]).includes(k);

/** Where an entry is fixed. */
export function fixRoute(fix: AnomalyEntry['fix']): Route {
  if (fix.action === 'mergeGuardians' && fix.otherId) return { name: 'merge', keepId: fix.id, mergeId: fix.otherId };
  if (fix.entity === 'student') return { name: 'studentEdit', id: fix.id, ...(fix.field ? { field: fix.field } : {}) };
  return { name: 'guardianEdit', id: fix.id, ...(fix.field ? { field: fix.field } : {}) };
}

/** Who an entry is about, in words: also names its buttons, so a screen reader tells them apart. */
const whoOf = (e: AnomalyEntry): string => {
  const who = e.subjects.map((s) => s.label).join(' / ');
  // The same families may share both a phone and an email: two entries, same people.
  return e.kind === 'guardian.shared_contact' ? `${who} (${e.fix.field === 'phone' ? 'portable' : 'courriel'})` : who;
};

function fixLabel(e: AnomalyEntry): string {
  const who = whoOf(e);
  return e.fix.action === 'mergeGuardians' ? `Comparer et fusionner ${who}` : `Corriger ${who}`;
}

export function Entry({ e, run }: { e: AnomalyEntry; run: (what: string, f: () => Promise<unknown>) => void }) {
  const who = whoOf(e);
  return (
    <li className="anomaly">
      <p>
        <strong>{e.message}</strong>
      </p>
      <p className="muted">{e.subjects.map((s) => s.label).join(' · ')}</p>
      <p className="actions">
        <a className="button" href={href(fixRoute(e.fix))}>
          {fixLabel(e)}
        </a>
        {e.suggestion && isApplicable(e.kind) && (
          <button
            type="button"
            aria-label={`Utiliser ${e.suggestion.display} pour ${who}`}
            onClick={() => run('Correction appliquée.', () => call('anomalies.applySuggestion', { kind: e.kind as Applicable, keys: [e.key] }))}
          >
            Utiliser {e.suggestion.display}
          </button>
        )}
        {e.dismissible && (
          <button type="button" aria-label={`Ce n’est pas une erreur : ${who}`} onClick={() => run('Anomalie ignorée.', () => call('anomalies.dismiss', { key: e.key, note: null }))}>
            Ce n’est pas une erreur
          </button>
        )}
      </p>
    </li>
  );
}

/** What people declared « pas une erreur », each one restorable to the desk. */
function Dismissed({ refresh, run, labels }: { refresh: string; run: (what: string, f: () => Promise<unknown>) => void; labels: Map<AnomalyKind, string> }) {
  const { data, error } = useCall('anomalies.dismissed', { offset: 0, limit: 200 }, refresh);
  if (error) return <ErrorAlert message={error.message} />;
  if (!data) return <Loading />;
  return (
    <ul className="plain lookalikes" data-testid="dismissed-list">
      {data.rows.map(({ entry, at, actor, note }) => (
        <li key={entry.key} className="anomaly">
          <p>
            <strong>{entry.message}</strong>
          </p>
          <p className="muted">
            {entry.subjects.map((s) => s.label).join(' · ')} — déclarée sans erreur par {actor} le {formatDateTimeFr(at)}
            {note ? ` : « ${note} »` : ''}
          </p>
          <p className="actions">
            {/* Kinds mix here: the kind tells apart two entries about the same person. */}
            <button
              type="button"
              aria-label={`Remettre à corriger : ${whoOf(entry)} (${labels.get(entry.kind) ?? entry.message})`}
              onClick={() => run('Anomalie remise dans la liste à corriger.', () => call('anomalies.restore', { key: entry.key }))}
            >
              Remettre à corriger
            </button>
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The bulk apply, offered only when some entries of the kind carry a safe suggestion, with their number. */
export function BulkApply({ kind, bulk, safe, onApply }: { kind: AnomalyKind; bulk: boolean; safe: number; onApply: () => void }) {
  if (!bulk || !isApplicable(kind) || safe === 0) return null;
  return (
    <p className="actions">
      <button type="button" className="primary" onClick={onApply}>
        {safe === 1 ? 'Appliquer la correction sûre' : `Appliquer les ${formatNumber(safe)} corrections sûres`}
      </button>
      <span className="muted">Seuls les numéros et adresses qui se lisent désormais sans doute sont corrigés.</span>
    </p>
  );
}

/** The kind last opened, kept for the session: back from a fix, the desk reopens where it was. */
let rememberedKind: AnomalyKind | null = null;

/** What the bulk « Appliquer les N corrections sûres » did, in words. */
function appliedMessage(applied: number, skipped: Array<{ message: string }>): string {
  if (applied === 0 && skipped.length === 0) {
    return 'Aucune correction sûre à appliquer : les valeurs restantes ne se lisent toujours pas. Corrigez-les une à une avec « Corriger ».';
  }
  const done = `${plural(applied, 'correction appliquée', 'corrections appliquées')}.`;
  return skipped.length ? `${done} ${plural(skipped.length, 'non appliquée', 'non appliquées')} : ${skipped[0]?.message ?? ''}` : done;
}

/** « À corriger »: counts by kind, then that kind's list, each entry linking to its fix. */
export function AnomaliesPage() {
  const revision = useRevision('student', 'guardian', 'import', 'report');
  const [nonce, setNonce] = useState(0);
  const refresh = `${revision}-${nonce}`;
  const summary = useCall('anomalies.summary', {}, refresh);
  const [chosen, setChosen] = useState<AnomalyKind | null>(rememberedKind);
  const [limit, setLimit] = useState(PAGE);
  const firstKind = summary.data?.kinds.find((k) => k.count > 0)?.kind ?? null;
  // A kind emptied by the fixes gives way to the first one left.
  const kind = chosen && (!summary.data || summary.data.kinds.some((k) => k.kind === chosen && k.count > 0)) ? chosen : firstKind;
  const list = useCall('anomalies.list', { kind, offset: 0, limit }, refresh);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [showDismissed, setShowDismissed] = useState(false);

  const run = (what: string, f: () => Promise<unknown>) => {
    setStatus(null);
    setFailure(null);
    f().then(
      (r) => {
        const applied = (r as { applied?: number; skipped?: Array<{ message: string }> }) ?? {};
        setStatus(applied.applied !== undefined ? appliedMessage(applied.applied, applied.skipped ?? []) : what);
        setNonce((n) => n + 1);
      },
      (err: unknown) => setFailure(errorMessage(err)),
    );
  };

  const current = summary.data?.kinds.find((k) => k.kind === kind);
  return (
    <>
      <PageTitle>À corriger</PageTitle>
      <ErrorAlert message={failure ?? summary.error?.message ?? list.error?.message} />
      <p role="status" aria-live="polite" className="success-text">
        {status}
      </p>
      {!summary.data ? (
        <Loading />
      ) : (
        <section aria-labelledby="anomaly-kinds" className="panel">
          <h2 id="anomaly-kinds">
            {summary.data.total === 0 ? 'Rien à corriger' : plural(summary.data.total, 'point à corriger', 'points à corriger')}
          </h2>
          <ul className="plain kinds">
            {summary.data.kinds
              .filter((k) => k.count > 0)
              .map((k) => (
                <li key={k.kind}>
                  <button
                    type="button"
                    aria-pressed={k.kind === kind}
                    data-testid={`kind-${k.kind}`}
                    onClick={() => {
                      setChosen(k.kind);
                      rememberedKind = k.kind;
                      setLimit(PAGE);
                    }}
                  >
                    {k.label} <span className="count">{formatNumber(k.count)}</span>
                  </button>
                </li>
              ))}
          </ul>
          {summary.data.dismissed > 0 && (
            <>
              <p className="muted">
                {plural(summary.data.dismissed, 'anomalie déclarée', 'anomalies déclarées')} sans erreur.{' '}
                <button type="button" aria-expanded={showDismissed} onClick={() => setShowDismissed((v) => !v)}>
                  {showDismissed ? 'Masquer' : 'Les voir'}
                </button>
              </p>
              {showDismissed && <Dismissed refresh={refresh} run={run} labels={new Map(summary.data.kinds.map((k) => [k.kind, k.label]))} />}
            </>
          )}
        </section>
      )}
      {current && current.count > 0 && (
        <section aria-labelledby="anomaly-list" className="panel">
          <h2 id="anomaly-list">
            {current.label} ({formatNumber(current.count)})
          </h2>
          <BulkApply kind={current.kind} bulk={current.bulk} safe={current.safe} onApply={() => run('', () => call('anomalies.applySuggestion', { kind: current.kind as Applicable }))} />
          {!list.data ? (
            <Loading />
          ) : (
            <>
              <ul className="plain lookalikes" data-testid="anomaly-list">
                {list.data.rows.map((e) => (
                  <Entry key={e.key} e={e} run={run} />
                ))}
              </ul>
              {list.data.total > list.data.rows.length && (
                <p className="actions">
                  <button type="button" onClick={() => setLimit((l) => Math.min(l + PAGE, 1000))}>
                    Afficher plus ({formatNumber(list.data.total - list.data.rows.length)} restantes)
                  </button>
                </p>
              )}
            </>
          )}
        </section>
      )}
    </>
  );
}
