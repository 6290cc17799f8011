// Letters for rows picked in a long list (guardians or students): a checkbox column, and a bar
// with « Tout sélectionner », « Vider la sélection », the count and the print action.
import { useCallback, useState, type CSSProperties } from 'react';
import { MAX_SELECTION, type LetterSelection } from '../../../shared/contract/letters';
import type { Column } from '../../lib/VirtualTable';
import { formatNumber } from '../../lib/format';
import { ErrorAlert, Loading } from '../../app/ui';
import { call, errorMessage } from '../../transport/call';
import type { Input } from '../../../shared/contract';
import { PrintResult } from './PrintResult';
import type { Selection } from './selection';
import { usePrintLetters } from './usePrintLetters';

const checkStyle: CSSProperties = { width: '1.1rem', height: '1.1rem', margin: '0.2rem' };

/** The first column of a selectable list; `name` labels each checkbox for screen readers. */
export function selectColumn<T extends { id: string }, K extends string>(selection: Selection, name: (row: T) => string): Column<T, K> {
  return {
    id: 'select',
    label: 'Sélection',
    hideLabel: true,
    width: '2.5rem',
    render: (row) => (
      <input
        type="checkbox"
        style={checkStyle}
        aria-label={`Sélectionner ${name(row)}`}
        checked={selection.ids.has(row.id)}
        onChange={() => selection.toggle(row.id)}
      />
    ),
  };
}

interface Props {
  selection: Selection;
  /** What « Tout sélectionner » takes: the list's current filters. */
  shown: Input<'letters.selectable'>;
  shownTotal: number | null;
  /** The batch for the picked ids. */
  batch: (ids: string[]) => LetterSelection;
  /** « 3 responsables sélectionnés » */
  countLabel: (n: number) => string;
  printLabel: (n: number) => string;
}

export function ListSelectionBar({ selection, shown, shownTotal, batch, countLabel, printLabel }: Props) {
  const n = selection.ids.size;
  const [picking, setPicking] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);
  const { clear } = selection;
  const { busy, error, result, print } = usePrintLetters(useCallback(() => clear(), [clear]));

  const selectAll = async () => {
    setPicking(true);
    setPickError(null);
    try {
      selection.add((await call('letters.selectable', shown)).ids);
    } catch (err) {
      setPickError(errorMessage(err));
    } finally {
      setPicking(false);
    }
  };

  const tooMany = shownTotal !== null && shownTotal > MAX_SELECTION;
  return (
    <section aria-label="Sélection pour les courriers" className="selection-bar">
      <div className="actions">
        <button type="button" disabled={picking || !shownTotal || tooMany} onClick={() => void selectAll()}>
          Tout sélectionner ({formatNumber(shownTotal ?? 0)} affichés)
        </button>
        <button type="button" disabled={n === 0} onClick={clear}>
          Vider la sélection
        </button>
        <span aria-live="polite" data-testid="selection-count">
          {countLabel(n)}
        </span>
        <button type="button" className="primary" disabled={busy || n === 0 || n > MAX_SELECTION} onClick={() => void print(batch([...selection.ids]))}>
          {printLabel(n)}
        </button>
      </div>
      {tooMany && (
        <p className="muted small">
          Plus de {formatNumber(MAX_SELECTION)} lignes affichées : affinez la recherche pour tout sélectionner (pour tous les responsables sans compte actif,
          passez par la page Courriers).
        </p>
      )}
      {n > MAX_SELECTION && <p className="muted small">Un lot compte au plus {formatNumber(MAX_SELECTION)} lignes : videz la sélection ou retirez-en.</p>}
      {busy && <Loading label="Émission des identifiants et préparation du PDF…" />}
      <ErrorAlert message={pickError ?? error} />
      {result && <PrintResult result={result} />}
    </section>
  );
}
