import { useState } from 'react';
import { href } from '../../app/router';
import { useRevision } from '../../app/store';
import { ErrorAlert } from '../../app/ui';
import { useDebounced } from '../../lib/debounce';
import { formatDateTimeFr } from '../../lib/format';
import { call, errorMessage } from '../../transport/call';
import { useCall } from '../../transport/useCall';
import { HistorySection } from './HistorySection';

/** « Fusionner avec… »: the look-alikes the desk found first, then any guardian found by search. */
function MergeWith({ id }: { id: string }) {
  const revision = useRevision('guardian', 'import');
  const lookAlikes = useCall('anomalies.list', { kind: 'guardian.look_alike', offset: 0, limit: 1000 }, revision);
  const [query, setQuery] = useState('');
  const q = useDebounced(query, 250);
  const found = useCall('guardians.list', { query: q, limit: 8 }, q);
  const others = new Map<string, string>();
  for (const e of lookAlikes.data?.rows ?? []) {
    if (!e.guardians.includes(id)) continue;
    for (const s of e.subjects) if (s.entity === 'guardian' && s.id !== id) others.set(s.id, s.label);
  }
  return (
    <section aria-labelledby="merge-with" className="panel">
      <h2 id="merge-with">Fusionner avec…</h2>
      {others.size > 0 && (
        <>
          <p>Fiches qui lui ressemblent :</p>
          <ul className="plain lookalikes">
            {[...others].map(([otherId, label]) => (
              <li key={otherId}>
                <a href={href({ name: 'merge', keepId: id, mergeId: otherId })}>Fusionner avec {label}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="field">
        <label htmlFor="merge-search">Chercher une autre fiche</label>
        <input id="merge-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
      </div>
      {q.trim() !== '' && found.data && (
        <ul className="plain lookalikes">
          {found.data.rows.filter((g) => g.id !== id).length === 0 && <li>Aucune autre fiche trouvée.</li>}
          {found.data.rows
            .filter((g) => g.id !== id)
            .map((g) => (
              <li key={g.id}>
                <a href={href({ name: 'merge', keepId: id, mergeId: g.id })}>
                  Fusionner avec {[g.civility, g.lastName, g.firstName].filter(Boolean).join(' ')}
                </a>
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}

/** Merges into this record, each one splittable back. */
function Merges({ id }: { id: string }) {
  const revision = useRevision('guardian', 'student');
  const [nonce, setNonce] = useState(0);
  const { data } = useCall('guardians.merges', { guardianId: id }, `${revision}-${nonce}`);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // A split brings a record and its links back: asked twice, like removing a link.
  const [confirming, setConfirming] = useState<string | null>(null);
  const split = async (mergeId: string, label: string) => {
    setFailure(null);
    setConfirming(null);
    try {
      await call('guardians.split', { mergeId });
      setStatus(`Fiches séparées : ${label} est de nouveau une fiche à part.`);
      setNonce((n) => n + 1);
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };
  const rows = (data ?? []).filter((m) => m.keepId === id);
  if (rows.length === 0 && !status) return null;
  return (
    <section aria-labelledby="merges" className="panel">
      <h2 id="merges">Fusions</h2>
      <ErrorAlert message={failure} />
      <p role="status" aria-live="polite" className="success-text">
        {status}
      </p>
      <ul className="plain lookalikes">
        {rows.map((m) => (
          <li key={m.id}>
            Fiche de {m.mergedLabel} fusionnée le {formatDateTimeFr(m.at)} par {m.actor}
            {m.state === 'split' ? (
              <span className="muted"> — séparée le {formatDateTimeFr(m.splitAt)}</span>
            ) : (
              <>
                {' '}
                {confirming === m.id ? (
                  <span className="actions">
                    <button type="button" className="primary" onClick={() => void split(m.id, m.mergedLabel)}>
                      Confirmer la séparation de {m.mergedLabel}
                    </button>
                    <button type="button" onClick={() => setConfirming(null)}>
                      Garder la fusion
                    </button>
                  </span>
                ) : (
                  <button type="button" onClick={() => setConfirming(m.id)}>
                    Séparer {m.mergedLabel}
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What the guardian page gains for corrections: edit, merge, split, history. */
export function GuardianCorrections({ id }: { id: string }) {
  return (
    <>
      <Merges id={id} />
      <MergeWith id={id} />
      <HistorySection entity="guardian" id={id} />
    </>
  );
}

export function EditLink({ route, children }: { route: { name: 'guardianEdit' | 'studentEdit'; id: string }; children: string }) {
  return (
    <p className="actions">
      <a className="button primary" href={href(route)}>
        {children}
      </a>
    </p>
  );
}
