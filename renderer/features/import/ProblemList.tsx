import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useMemo, useRef, useState } from 'react';
import type { Problem } from '../../../shared/contract/import';
import { formatNumber } from '../../lib/format';
import { fieldLabel } from './fields';
import { describeProblem, filterProblems, NO_FILTER, problemFields, type ProblemFilter } from './problemFilter';

const ITEM_HEIGHT = 52;

/** Every problem of a sheet, filterable; virtualised because a bad export may have 100k lines. */
export function ProblemList({ problems, title }: { problems: readonly Problem[]; title: string }) {
  const id = useId();
  const [filter, setFilter] = useState<ProblemFilter>(NO_FILTER);
  const fields = useMemo(() => problemFields(problems), [problems]);
  const withFile = useMemo(() => new Set(problems.map((p) => p.file)).size > 1, [problems]);
  const shown = useMemo(() => filterProblems(problems, filter), [problems, filter]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ITEM_HEIGHT,
    overscan: 8,
  });
  const errors = useMemo(() => problems.filter((p) => p.severity === 'error').length, [problems]);

  if (problems.length === 0) {
    return (
      <section aria-labelledby={`${id}-h`} className="panel">
        <h3 id={`${id}-h`}>{title}</h3>
        <p>Aucun problème détecté.</p>
      </section>
    );
  }

  return (
    <section aria-labelledby={`${id}-h`} className="panel">
      <h3 id={`${id}-h`}>
        {title} ({formatNumber(problems.length)} : {formatNumber(errors)} erreur{errors > 1 ? 's' : ''},{' '}
        {formatNumber(problems.length - errors)} avertissement{problems.length - errors > 1 ? 's' : ''})
      </h3>
      <div className="filters">
        <div className="field">
          <label htmlFor={`${id}-sev`}>Gravité</label>
          <select
            id={`${id}-sev`}
            value={filter.severity}
            onChange={(e) => setFilter({ ...filter, severity: e.target.value as ProblemFilter['severity'] })}
          >
            <option value="all">Toutes</option>
            <option value="error">Erreurs</option>
            <option value="warning">Avertissements</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-field`}>Champ</label>
          <select id={`${id}-field`} value={filter.field} onChange={(e) => setFilter({ ...filter, field: e.target.value })}>
            <option value="">Tous les champs</option>
            {fields.map((f) => (
              <option key={f} value={f}>
                {fieldLabel(f)}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-text`}>Filtrer les problèmes</label>
          <input
            id={`${id}-text`}
            type="search"
            value={filter.text}
            placeholder="Texte, valeur, numéro de ligne"
            onChange={(e) => setFilter({ ...filter, text: e.target.value })}
          />
        </div>
      </div>
      <p className="muted" aria-live="polite">
        {shown.length === problems.length
          ? `${formatNumber(shown.length)} problème${shown.length > 1 ? 's' : ''} affiché${shown.length > 1 ? 's' : ''}`
          : `${formatNumber(shown.length)} sur ${formatNumber(problems.length)} problèmes affichés`}
      </p>
      <div className="problem-scroll" ref={scrollRef} tabIndex={0} aria-label={title} role="region">
        <ul className="problem-list" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const p = shown[item.index];
            if (!p) return null;
            return (
              <li
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className={`problem problem-${p.severity}`}
                aria-setsize={shown.length}
                aria-posinset={item.index + 1}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <span className={`badge badge-${p.severity}`}>{p.severity === 'error' ? 'Erreur' : 'Avertissement'}</span>
                <span className="problem-text">{describeProblem(p, withFile)}</span>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
