// On a guardian's page: print their single letter, and the log of letters sent to them.
import { useCallback, useRef, useState } from 'react';
import { ErrorAlert, Loading } from '../../app/ui';
import { useCall } from '../../transport/useCall';
import { formatDateTime, formatDay } from './dates';
import { PrintResult } from './PrintResult';
import { ReplaceConfirm } from './ReplaceConfirm';
import { SoftButton } from './SoftButton';
import { usePrintLetters } from './usePrintLetters';

export function GuardianLetters({ guardianId }: { guardianId: string }) {
  const [printed, setPrinted] = useState(0);
  const log = useCall('letters.log', { guardianId }, printed);
  const [reissue, setReissue] = useState(false);
  const { busy, error, result, print: printBatch, pending, confirm, cancel } = usePrintLetters(
    `guardian:${guardianId}`,
    useCallback(() => setPrinted((n) => n + 1), []),
  );
  // No preview here: the core refuses a letter replacing a previous one until it is confirmed.
  const print = () => printBatch({ scope: 'guardians', guardianIds: [guardianId] }, reissue);
  const printButton = useRef<HTMLButtonElement>(null);

  const entries = log.data?.entries ?? [];
  return (
    <section aria-labelledby="guardian-letters" className="panel">
      <h2 id="guardian-letters">Courriers de notification</h2>
      <div className="actions">
        <SoftButton ref={printButton} className="primary" disabled={busy || pending !== null} onClick={() => void print()}>
          Courrier de notification
        </SoftButton>
        <label>
          <input
            type="checkbox"
            checked={reissue}
            onChange={(e) => {
              setReissue(e.target.checked);
              // A confirmation was for the other choice.
              cancel();
            }}
          /> Nouveaux identifiants même si le compte est
          déjà actif (l’ancien mot de passe ne fonctionnera plus)
        </label>
      </div>
      {pending && (
        <ReplaceConfirm replacing={pending.replacing} returnFocus={printButton} onConfirm={() => void confirm()} onCancel={cancel} />
      )}
      {busy && <Loading label="Émission des identifiants et préparation du courrier…" />}
      <ErrorAlert message={error} />
      {result && <PrintResult result={result} />}
      <ErrorAlert message={log.error?.message} />
      {entries.length === 0 ? (
        <p data-testid="letter-log-empty">Aucun courrier imprimé pour ce responsable.</p>
      ) : (
        <table className="table" data-testid="letter-log">
          <caption>Courriers imprimés</caption>
          <thead>
            <tr>
              <th scope="col">Imprimé le</th>
              <th scope="col">Par</th>
              <th scope="col">Lot</th>
              <th scope="col">Type</th>
              <th scope="col">Mot de passe valable jusqu’au</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <th scope="row">{formatDateTime(e.printedAt)}</th>
                <td>{e.printedBy}</td>
                <td>{e.title ?? e.batchId}</td>
                <td>
                  {e.kind === 'reminder' ? 'Rappel d’identifiant' : 'Identifiants'}
                  {e.reissued ? ' (remplace le précédent)' : ''}
                </td>
                <td>{e.expiresAt ? formatDay(e.expiresAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
