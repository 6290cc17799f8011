import { useState } from 'react';
import type { GuardianRow } from '../../../shared/contract/records';
import { useDebounced } from '../../lib/debounce';
import { formatPhone, plural } from '../../lib/format';
import { useCall } from '../../transport/useCall';

const name = (g: GuardianRow): string => [g.civility, g.lastName, g.firstName].filter(Boolean).join(' ');
/** The name and what tells homonyms apart (phone, else email): shown once picked, and in each button's name. */
const distinct = (g: GuardianRow): string => {
  const contact = g.phone ? formatPhone(g.phone) : g.email;
  return contact ? `${name(g)} (${contact})` : name(g);
};

/** A candidate's children and classes: what tells two homonyms apart when a link is moved. */
function Children({ id }: { id: string }) {
  const { data } = useCall('guardians.get', { id }, id);
  if (!data || data.children.length === 0) return null;
  const enrolled = [...data.children].sort((a, b) => Number(a.student.status !== 'enrolled') - Number(b.student.status !== 'enrolled'));
  return (
    <span className="muted">
      {' · '}
      {enrolled.map((c) => `${c.student.lastName} ${c.student.firstName}${c.student.division ? ` (${c.student.division})` : ''}`).join(', ')}
    </span>
  );
}

/** Finds a guardian by name, phone or email and picks one. */
export function GuardianSearch({
  id,
  label,
  exclude,
  picked,
  onPick,
}: {
  id: string;
  label: string;
  exclude?: string;
  picked: { id: string; label: string } | null;
  onPick: (g: { id: string; label: string }) => void;
}) {
  const [query, setQuery] = useState('');
  const q = useDebounced(query, 250);
  const found = useCall('guardians.list', { query: q, limit: 8 }, q);
  const rows = (found.data?.rows ?? []).filter((g) => g.id !== exclude);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
      {picked && <p className="success-text">Choisi : {picked.label}</p>}
      {q.trim() !== '' && found.data && (
        <ul className="plain lookalikes">
          {rows.length === 0 && <li>Aucun responsable trouvé.</li>}
          {rows.map((g) => (
            <li key={g.id}>
              <button type="button" aria-pressed={picked?.id === g.id} aria-label={`Choisir ${distinct(g)}`} onClick={() => onPick({ id: g.id, label: distinct(g) })}>
                Choisir {name(g)}
              </button>{' '}
              <span className="muted">
                {plural(g.childCount, 'enfant', 'enfants')}
                {g.phone ? ` · ${formatPhone(g.phone)}` : ''}
                {g.email ? ` · ${g.email}` : ''}
              </span>
              <Children id={g.id} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
