// Who a batch gives a letter to, who is left out and why, and which letters replace a previous
// password, before anything is issued; then « Imprimer les courriers ». The same preview for the
// Courriers page and for a selection made in the Responsables or Élèves list.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LetterSelection, LettersPrintOutput } from '../../../shared/contract/letters';
import { href } from '../../app/router';
import { ErrorAlert, Loading } from '../../app/ui';
import { plural } from '../../lib/format';
import { useCall } from '../../transport/useCall';
import { ExcludedTable, PrintResult } from './PrintResult';
import { ReplaceConfirm } from './ReplaceConfirm';
import { SoftButton } from './SoftButton';
import { replacingOf } from '../../../shared/letters/replacing';
import { usePrintLetters } from './usePrintLetters';

interface Props {
  selection: LetterSelection;
  reissue: boolean;
  /** Where the last result is kept (see useLastPrint). */
  place: string;
  onPrinted?: (result: LettersPrintOutput) => void;
  /** Shown next to the print button (« Fermer l’aperçu »). */
  onClose?: () => void;
  /** Opened by a button elsewhere on the page: the heading takes focus once the preview is read,
   * so that screen readers land on it. */
  focusOnOpen?: boolean;
}

export function LettersPreview({ selection, reissue, place, onPrinted, onClose, focusOnOpen = false }: Props) {
  const [printed, setPrinted] = useState(0);
  // Only a result printed from this preview: an older one of the same place is another batch's.
  const [shownBatch, setShownBatch] = useState<string | null>(null);
  const preview = useCall('letters.preview', { selection, reissue }, printed);
  const { busy, error, result, print, pending, confirm, cancel } = usePrintLetters(
    place,
    useCallback(
      (r: LettersPrintOutput) => {
        setPrinted((n) => n + 1);
        setShownBatch(r.batchId);
        onPrinted?.(r);
      },
      [onPrinted],
    ),
  );
  const p = preview.data;
  const heading = useRef<HTMLHeadingElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  const focused = useRef(false);
  useEffect(() => {
    if (!focusOnOpen || !p || focused.current) return;
    focused.current = true;
    heading.current?.focus();
  }, [focusOnOpen, p]);

  if (!p) return preview.loading ? <Loading /> : <ErrorAlert message={preview.error?.message} />;
  const credentials = p.letters.filter((l) => l.kind === 'credentials').length;
  const excludedGuardians = p.excluded.filter((e) => !e.studentId).length;
  const departed = p.excluded.length - excludedGuardians;
  return (
    <section aria-labelledby="letters-preview" className="panel">
      <h2 id="letters-preview" ref={heading} tabIndex={-1}>
        {p.title}
      </h2>
      {p.blocking && (
        <div role="alert" className="alert alert-error" data-testid="letters-blocking">
          <p>{p.blocking.message}</p>
          {p.blocking.what === 'schoolName' && (
            <p>
              <a href={href({ name: 'school' })}>Renseigner l’établissement</a>
            </p>
          )}
        </div>
      )}
      {p.serviceMessage && (
        <div role="alert" className="alert alert-warning">
          <p>{p.serviceMessage}</p>
          <p>
            <a href={href({ name: 'sync' })}>Ouvrir Synchronisation</a>
          </p>
        </div>
      )}
      <p data-testid="letters-counts">
        {plural(p.letters.length, 'courrier', 'courriers')} : {credentials} avec identifiant et mot de passe provisoire,{' '}
        {plural(p.letters.length - credentials, 'rappel', 'rappels')} d’identifiant (compte déjà actif).{' '}
        {excludedGuardians > 0 && `${plural(excludedGuardians, 'responsable écarté', 'responsables écartés')}.`}{' '}
        {departed > 0 && `${plural(departed, 'élève parti', 'élèves partis')}, sans courrier.`}
      </p>
      <ExcludedTable excluded={p.excluded} caption="Écartés (corrigez puis relancez)" />
      {p.letters.length > 0 && (
        <table className="table" data-testid="letters-planned">
          <caption>Courriers, dans l’ordre de distribution après impression</caption>
          <thead>
            <tr>
              <th scope="col">Responsable</th>
              <th scope="col">Classes</th>
              <th scope="col">Courrier</th>
            </tr>
          </thead>
          <tbody>
            {p.letters.map((l) => (
              <tr key={l.guardianId}>
                <th scope="row">{l.name}</th>
                <td>{l.divisions.join(', ') || '—'}</td>
                <td>
                  {l.kind === 'reminder' ? 'Rappel d’identifiant' : 'Identifiants'}
                  {l.reissued ? ' (remplace le précédent)' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <SoftButton
          ref={printButton}
          className="primary"
          // While the preview reloads (after a print) its replacement marks are stale: wait for them.
          disabled={busy || preview.loading || pending !== null || p.letters.length === 0 || p.blocking !== null}
          onClick={() => void print(selection, reissue, replacingOf(p.letters))}
        >
          Imprimer les courriers
        </SoftButton>
        {onClose && (
          <SoftButton disabled={busy} onClick={onClose}>
            Fermer l’aperçu
          </SoftButton>
        )}
      </div>
      {pending && (
        <ReplaceConfirm replacing={pending.replacing} returnFocus={printButton} onConfirm={() => void confirm()} onCancel={cancel} />
      )}
      {busy && <Loading label="Émission des identifiants et préparation du PDF…" />}
      <ErrorAlert message={error} />
      {result && result.batchId === shownBatch && <PrintResult result={result} />}
    </section>
  );
}
