import { useState } from 'react';
import type { PrintOutcome } from '../../../shared/contract/bridge';
import type { LetterExcluded, LettersPrintOutput } from '../../../shared/contract/letters';
import { ErrorAlert } from '../../app/ui';
import { desktopPdf } from './usePrintLetters';

export function ExcludedTable({ excluded, caption }: { excluded: LetterExcluded[]; caption: string }) {
  if (excluded.length === 0) return null;
  return (
    <table className="table" data-testid="letters-excluded">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Responsable</th>
          <th scope="col">Raison</th>
        </tr>
      </thead>
      <tbody>
        {excluded.map((e) => (
          <tr key={e.guardianId}>
            <th scope="row">{e.name}</th>
            <td>{e.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const OUTCOME: Record<PrintOutcome, string> = {
  printed: 'Courriers envoyés à l’imprimante.',
  cancelled: 'Impression annulée.',
  manual: 'Le document est ouvert dans la fenêtre d’impression : utilisez son bouton d’impression.',
};

/** Electron: print dialog or save as, as often as needed while the page shows the result. */
function DesktopActions({ result }: { result: LettersPrintOutput }) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: 'print' | 'save') => {
    const pdf = desktopPdf();
    if (!pdf) return;
    setBusy(true);
    setStatus(null);
    setError(null);
    const r =
      action === 'print'
        ? await pdf.print({ pdfBase64: result.pdfBase64, title: result.title })
        : await pdf.save({ pdfBase64: result.pdfBase64, fileName: result.fileName });
    setBusy(false);
    if (!r.ok) setError(r.error.message);
    else if ('outcome' in r.value) setStatus(OUTCOME[r.value.outcome]);
    else setStatus(r.value.saved ? 'Fichier enregistré.' : 'Enregistrement annulé.');
  };
  return (
    <>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void run('print')}>
          Imprimer
        </button>
        <button type="button" disabled={busy} onClick={() => void run('save')}>
          Enregistrer en PDF
        </button>
        {status && <span className="muted">{status}</span>}
      </div>
      <ErrorAlert message={error} />
    </>
  );
}

/** What a print did; in browser mode the PDF itself was handed to the download. */
export function PrintResult({ result }: { result: LettersPrintOutput }) {
  const desktop = desktopPdf() !== null;
  const counts = `${result.letters} courrier${result.letters > 1 ? 's' : ''} (${result.credentials} avec identifiants, ${result.reminders} rappel${
    result.reminders > 1 ? 's' : ''
  }), ${result.pages} pages`;
  return (
    <div role="status" className="alert alert-success" data-testid="letters-result">
      <p>{desktop ? `${counts} : « ${result.fileName} » est prêt.` : `${counts} : fichier « ${result.fileName} » téléchargé.`}</p>
      {desktop && <DesktopActions result={result} />}
      <ExcludedTable excluded={result.excluded} caption="Non imprimés" />
    </div>
  );
}
