import type { LetterExcluded, LettersPrintOutput } from '../../../shared/contract/letters';

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

/** What a print did; the PDF itself was handed to the download. */
export function PrintResult({ result }: { result: LettersPrintOutput }) {
  return (
    <div role="status" className="alert alert-success" data-testid="letters-result">
      <p>
        {result.letters} courrier{result.letters > 1 ? 's' : ''} ({result.credentials} avec identifiants, {result.reminders} rappel
        {result.reminders > 1 ? 's' : ''}), {result.pages} pages : fichier « {result.fileName} » téléchargé.
      </p>
      <ExcludedTable excluded={result.excluded} caption="Non imprimés" />
    </div>
  );
}
