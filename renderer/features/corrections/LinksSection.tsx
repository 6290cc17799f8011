import { useState } from 'react';
import type { EditLink, GuardianForm } from '../../../shared/contract/corrections';
import { RELATION_LABELS } from '../../../shared/domain/relation';
import { href } from '../../app/router';
import { ErrorAlert } from '../../app/ui';
import { useDebounced } from '../../lib/debounce';
import { call, errorMessage } from '../../transport/call';
import { useCall } from '../../transport/useCall';

const RANKS: Array<{ value: number; label: string }> = [
  { value: 1, label: 'Responsable légal 1' },
  { value: 2, label: 'Responsable légal 2' },
  { value: 0, label: 'Autre contact' },
];

function RelationSelect({ id, value, onChange }: { id: string; value: string | null; onChange: (v: string | null) => void }) {
  const known = (RELATION_LABELS as readonly string[]).includes(value ?? '');
  return (
    <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
      <option value="">Non renseigné</option>
      {RELATION_LABELS.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
      {value && !known && <option value={value}>{value}</option>}
    </select>
  );
}

function RankSelect({ id, value, onChange }: { id: string; value: number; onChange: (v: number) => void }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
      {RANKS.map((r) => (
        <option key={r.value} value={r.value}>
          {r.label}
        </option>
      ))}
    </select>
  );
}

function LinkRow({ link, run }: { link: EditLink; run: (what: string, f: () => Promise<unknown>) => void }) {
  const [confirming, setConfirming] = useState(false);
  const base = `link-${link.linkId}`;
  return (
    <tr>
      <th scope="row">
        <a href={href({ name: 'student', id: link.studentId })}>{link.studentLabel}</a>
        {link.studentStatus === 'left' && <span className="muted"> (sorti)</span>}
      </th>
      <td>
        <label className="visually-hidden" htmlFor={`${base}-relation`}>
          Lien avec {link.studentLabel}
        </label>
        <RelationSelect
          id={`${base}-relation`}
          value={link.relation}
          onChange={(relation) => run('Lien enregistré.', () => call('guardianships.update', { linkId: link.linkId, relation }))}
        />
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`${base}-rank`}>
          Rang pour {link.studentLabel}
        </label>
        <RankSelect
          id={`${base}-rank`}
          value={link.legalRank}
          onChange={(legalRank) => run('Rang enregistré.', () => call('guardianships.update', { linkId: link.linkId, legalRank }))}
        />
      </td>
      <td>
        {confirming ? (
          <span className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => run(`${link.studentLabel} n’est plus rattaché.`, () => call('guardianships.unlink', { linkId: link.linkId }))}
            >
              Confirmer le retrait de {link.studentLabel}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Garder
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            Retirer {link.studentLabel}
          </button>
        )}
      </td>
    </tr>
  );
}

function AddLink({ guardianId, run }: { guardianId: string; run: (what: string, f: () => Promise<unknown>) => void }) {
  const [query, setQuery] = useState('');
  const [relation, setRelation] = useState<string | null>(null);
  const [rank, setRank] = useState(0);
  const q = useDebounced(query, 250);
  const found = useCall('students.list', { query: q, status: 'all', limit: 8 }, q);
  return (
    <fieldset className="group">
      <legend>Rattacher un enfant</legend>
      <div className="row-fields">
        <div className="field">
          <label htmlFor="link-search">Rechercher un élève</label>
          <input id="link-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="link-relation">Lien</label>
          <RelationSelect id="link-relation" value={relation} onChange={setRelation} />
        </div>
        <div className="field">
          <label htmlFor="link-rank">Rang</label>
          <RankSelect id="link-rank" value={rank} onChange={setRank} />
        </div>
      </div>
      {q.trim() !== '' && found.data && (
        <ul className="plain lookalikes">
          {found.data.rows.length === 0 && <li>Aucun élève trouvé.</li>}
          {found.data.rows.map((s) => (
            <li key={s.id}>
              {s.lastName} {s.firstName} {s.division && <span className="muted">({s.division})</span>}{' '}
              <button
                type="button"
                onClick={() =>
                  run(`${s.lastName} ${s.firstName} est rattaché.`, () =>
                    call('guardianships.link', { studentId: s.id, guardianId, relation, legalRank: rank }),
                  )
                }
              >
                Rattacher {s.lastName} {s.firstName}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** A guardian's children: relation and rank per child, link one more, unlink. */
export function LinksSection({ form, onChanged }: { form: GuardianForm; onChanged: () => void }) {
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const run = (what: string, f: () => Promise<unknown>) => {
    setStatus(null);
    setFailure(null);
    f().then(
      (r) => {
        const warnings = (r as { warnings?: Array<{ message: string }> }).warnings ?? [];
        setStatus([what, ...warnings.map((w) => w.message)].join(' '));
        onChanged();
      },
      (err: unknown) => setFailure(errorMessage(err)),
    );
  };
  return (
    <section aria-labelledby="guardian-links" className="panel">
      <h2 id="guardian-links">Enfants ({form.links.length})</h2>
      <ErrorAlert message={failure} />
      <p role="status" aria-live="polite" className="success-text">
        {status}
      </p>
      {form.links.length === 0 ? (
        <p>Aucun enfant rattaché.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Enfants rattachés</caption>
          <thead>
            <tr>
              <th scope="col">Élève</th>
              <th scope="col">Lien</th>
              <th scope="col">Rang</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {form.links.map((l) => (
              <LinkRow key={`${l.linkId}-${l.relation}-${l.legalRank}`} link={l} run={run} />
            ))}
          </tbody>
        </table>
      )}
      <AddLink guardianId={form.id} run={run} />
    </section>
  );
}
