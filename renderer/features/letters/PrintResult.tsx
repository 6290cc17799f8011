import { href } from '../../app/router';
import { useState } from 'react';
import type { LetterExcluded, LettersPrintOutput } from '../../../shared/contract/letters';
import { ErrorAlert } from '../../app/ui';
import { plural } from '../../lib/format';
import { SoftButton } from './SoftButton';
import { desktopAction, desktopPdf, useAction } from './usePrintLetters';

export function ExcludedTable({ excluded, caption }: { excluded: LetterExcluded[]; caption: string }) {
  if (excluded.length === 0) return null;
  const withStudents = excluded.some((e) => e.studentId);
  return (
    <table className="table" data-testid="letters-excluded">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{withStudents ? 'Responsable ou élève' : 'Responsable'}</th>
          <th scope="col">Raison</th>
        </tr>
      </thead>
      <tbody>
        {excluded.map((e) => (
          <tr key={e.studentId ?? e.guardianId}>
            <th scope="row">
              {/* Straight to the record to complete (address, children), then back here. */}
              <a href={href(e.studentId ? { name: 'student', id: e.studentId } : { name: 'guardian', id: e.guardianId })}>{e.name}</a>
            </th>
            <td>{e.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Electron: print dialog or save as, by batch id, as often as needed (the main process keeps the
 * last few batches). The status line is where the outcome is read out. */
function DesktopActions({ result }: { result: LettersPrintOutput }) {
  const { busy, error, run } = useAction();
  const [status, setStatus] = useState<string | null>(null);
  const act = (action: 'print' | 'save') =>
    void run(async () => {
      const pdf = desktopPdf();
      if (!pdf) return;
      setStatus(null);
      setStatus(await desktopAction(pdf, action, result.batchId));
    });
  return (
    <>
      <div className="actions">
        <SoftButton className="primary" disabled={busy} onClick={() => act('print')}>
          Imprimer
        </SoftButton>
        <SoftButton disabled={busy} onClick={() => act('save')}>
          Enregistrer en PDF
        </SoftButton>
        <span className="muted" aria-live="polite" data-testid="letters-desktop-status">
          {busy ? 'En cours…' : status}
        </span>
      </div>
      <ErrorAlert message={error} />
    </>
  );
}

/** « 3 courriers (2 avec identifiants, 1 rappel), 4 pages » */
export function printCounts(result: Pick<LettersPrintOutput, 'letters' | 'credentials' | 'reminders' | 'pages'>): string {
  return `${plural(result.letters, 'courrier', 'courriers')} (${result.credentials} avec identifiants, ${plural(result.reminders, 'rappel', 'rappels')}), ${plural(
    result.pages,
    'page',
    'pages',
  )}`;
}

/** What a print did; in browser mode the PDF itself was handed to the download. */
export function PrintResult({ result }: { result: LettersPrintOutput }) {
  const desktop = desktopPdf() !== null;
  const counts = printCounts(result);
  return (
    <div role="status" className="alert alert-success" data-testid="letters-result">
      <p>{desktop ? `${counts} : « ${result.fileName} » est prêt.` : `${counts} : fichier « ${result.fileName} » téléchargé.`}</p>
      {desktop && <DesktopActions result={result} />}
      <ExcludedTable excluded={result.excluded} caption="Non imprimés" />
    </div>
  );
}
