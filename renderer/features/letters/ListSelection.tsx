// Letters for rows picked in a long list (guardians or students): a checkbox column, and a bar
// with « Tout sélectionner », « Vider la sélection », the count and « Imprimer les courriers (N) »,
// which opens the same preview as the Courriers page before anything is issued.
import { useCallback, useRef, useState, type CSSProperties } from 'react';
import { MAX_SELECTION, TOO_MANY_SHOWN, type LetterSelection, type LettersPrintOutput } from '../../../shared/contract/letters';
import type { Column } from '../../lib/VirtualTable';
import { formatNumber, plural } from '../../lib/format';
import { ErrorAlert } from '../../app/ui';
import { call } from '../../transport/call';
import type { Input } from '../../../shared/contract';
import { LettersPreview } from './LettersPreview';
import { PrintResult } from './PrintResult';
import { printedIds, type Selection } from './selection';
import { SoftButton } from './SoftButton';
import { useAction, useLastPrint } from './usePrintLetters';

// The margin leaves room for the focus ring inside the cell.
const checkStyle: CSSProperties = { width: '1.1rem', height: '1.1rem', margin: '0.25rem' };

/** « DUPONT Marie »: how a row of either list names its person (checkbox labels). */
export function personName(row: { lastName: string; firstName: string }): string {
  return `${row.lastName} ${row.firstName}`.trim();
}

/** The first column of a selectable list; each checkbox is named after the row's person. */
export function selectColumn<T extends { id: string; lastName: string; firstName: string }, K extends string>(selection: Selection): Column<T, K> {
  return {
    id: 'select',
    label: 'Sélection',
    hideLabel: true,
    control: true,
    width: '2.5rem',
    render: (row) => (
      <input
        type="checkbox"
        style={checkStyle}
        aria-label={`Sélectionner ${personName(row)}`}
        checked={selection.ids.has(row.id)}
        onChange={() => selection.toggle(row.id)}
      />
    ),
  };
}

/** « Tout sélectionner (12 affichés) »; no count while the list's total is unknown. */
export function selectAllLabel(shownTotal: number | null): string {
  return shownTotal === null ? 'Tout sélectionner' : `Tout sélectionner (${plural(shownTotal, 'affiché', 'affichés')})`;
}

interface Props {
  selection: Selection;
  /** Where the last print result of this list is kept (see useLastPrint). */
  place: string;
  /** What « Tout sélectionner » takes: the list's current filters. */
  shown: Input<'letters.selectable'>;
  shownTotal: number | null;
  /** The batch for the picked ids. */
  batch: (ids: string[]) => LetterSelection;
  /** « 3 responsables sélectionnés » */
  countLabel: (n: number) => string;
  printLabel: (n: number) => string;
}

export function ListSelectionBar({ selection, place, shown, shownTotal, batch, countLabel, printLabel }: Props) {
  const n = selection.ids.size;
  const picking = useAction();
  // The batch as it was when the preview opened: ticking more rows meanwhile does not change it.
  const [chosen, setChosen] = useState<{ ids: string[]; batch: LetterSelection; opening: number } | null>(null);
  // Each opening reads the preview afresh (a key cheaper than up to 5,000 ids).
  const openings = useRef(0);
  const last = useLastPrint((s) => s.byPlace[place] ?? null);
  const { clear, remove } = selection;
  const printButton = useRef<HTMLButtonElement>(null);

  const selectAll = () =>
    void picking.run(async () => {
      selection.add((await call('letters.selectable', shown)).ids);
    });

  const chosenIds = chosen?.ids;
  // Only what was printed leaves the selection: not rows ticked since, not people left out.
  const onPrinted = useCallback((r: LettersPrintOutput) => remove(printedIds(chosenIds ?? [], r.excluded)), [remove, chosenIds]);

  const tooMany = shownTotal !== null && shownTotal > MAX_SELECTION;
  return (
    <section aria-label="Sélection pour les courriers" className="selection-bar">
      <div className="actions">
        <SoftButton disabled={picking.busy || !shownTotal || tooMany} onClick={selectAll}>
          {selectAllLabel(shownTotal)}
        </SoftButton>
        <SoftButton disabled={n === 0} onClick={clear}>
          Vider la sélection
        </SoftButton>
        <span aria-live="polite" data-testid="selection-count">
          {countLabel(n)}
        </span>
        <SoftButton
          ref={printButton}
          className="primary"
          disabled={n === 0 || n > MAX_SELECTION}
          onClick={() => {
            const ids = [...selection.ids];
            openings.current += 1;
            setChosen({ ids, batch: batch(ids), opening: openings.current });
          }}
        >
          {printLabel(n)}
        </SoftButton>
      </div>
      {tooMany && <p className="muted small">{TOO_MANY_SHOWN}</p>}
      {n > MAX_SELECTION && <p className="muted small">Un lot compte au plus {formatNumber(MAX_SELECTION)} lignes : videz la sélection ou retirez-en.</p>}
      <ErrorAlert message={picking.error} />
      {chosen ? (
        <LettersPreview
          key={chosen.opening}
          selection={chosen.batch}
          reissue={false}
          place={place}
          onPrinted={onPrinted}
          focusOnOpen
          onClose={() => {
            setChosen(null);
            // The preview and its buttons go: focus returns to the button that opened it.
            printButton.current?.focus();
          }}
        />
      ) : (
        last && <PrintResult result={last} />
      )}
    </section>
  );
}
