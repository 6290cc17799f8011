// « Courriers »: choose a batch (a class, or every guardian without an active account), see who
// gets a letter and who is left out and why, then print: the PDF is downloaded.
import { useCallback, useState } from 'react';
import type { LetterSelection } from '../../../shared/contract/letters';
import { ErrorAlert, Loading, PageTitle } from '../../app/ui';
import { useCall } from '../../transport/useCall';
import { ExcludedTable, PrintResult } from './PrintResult';
import { LetterSettingsForm } from './LetterSettingsForm';
import { usePrintLetters } from './usePrintLetters';

function Preview({ selection, reissue }: { selection: LetterSelection; reissue: boolean }) {
  const [printed, setPrinted] = useState(0);
  const preview = useCall('letters.preview', { selection, reissue }, printed);
  const { busy, error, result, print } = usePrintLetters(useCallback(() => setPrinted((n) => n + 1), []));
  const p = preview.data;

  if (!p) return preview.loading ? <Loading /> : <ErrorAlert message={preview.error?.message} />;
  const credentials = p.letters.filter((l) => l.kind === 'credentials').length;
  return (
    <section aria-labelledby="letters-preview" className="panel">
      <h2 id="letters-preview">{p.title}</h2>
      {p.serviceMessage && (
        <div role="alert" className="alert alert-warning">
          <p>{p.serviceMessage}</p>
        </div>
      )}
      <p data-testid="letters-counts">
        {p.letters.length} courrier{p.letters.length > 1 ? 's' : ''} : {credentials} avec identifiant et mot de passe provisoire,{' '}
        {p.letters.length - credentials} rappel{p.letters.length - credentials > 1 ? 's' : ''} d’identifiant (compte déjà actif).{' '}
        {p.excluded.length > 0 && `${p.excluded.length} responsable${p.excluded.length > 1 ? 's' : ''} écarté${p.excluded.length > 1 ? 's' : ''}.`}
      </p>
      <ExcludedTable excluded={p.excluded} caption="Responsables écartés (corrigez puis relancez)" />
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
        <button type="button" className="primary" disabled={busy || p.letters.length === 0} onClick={() => void print(selection, reissue)}>
          Imprimer les courriers
        </button>
      </div>
      {busy && <Loading label="Émission des identifiants et préparation du PDF…" />}
      <ErrorAlert message={error} />
      {result && <PrintResult result={result} />}
    </section>
  );
}

export function LettersPage() {
  const divisions = useCall('divisions.list', {});
  const [scope, setScope] = useState<'division' | 'inactive'>('division');
  const [division, setDivision] = useState('');
  const [reissue, setReissue] = useState(false);
  const [chosen, setChosen] = useState<LetterSelection | null>(null);
  const list = divisions.data ?? [];
  const current = division || list[0]?.name || '';

  return (
    <>
      <PageTitle>Courriers de notification</PageTitle>
      <form
        className="panel form"
        onSubmit={(e) => {
          e.preventDefault();
          setChosen(scope === 'inactive' ? { scope: 'inactive' } : current ? { scope: 'division', division: current } : null);
        }}
      >
        <fieldset>
          <legend>Lot à imprimer</legend>
          <div>
            <input id="letters-scope-division" type="radio" name="scope" checked={scope === 'division'} onChange={() => setScope('division')} />
            <label htmlFor="letters-scope-division">Une classe</label>{' '}
            <label htmlFor="letters-division" className="visually-hidden">
              Classe
            </label>
            <select id="letters-division" value={current} disabled={scope !== 'division'} onChange={(e) => setDivision(e.target.value)}>
              {list.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.name} ({d.students} élèves)
                </option>
              ))}
            </select>
          </div>
          <div>
            <input id="letters-scope-inactive" type="radio" name="scope" checked={scope === 'inactive'} onChange={() => setScope('inactive')} />
            <label htmlFor="letters-scope-inactive">Tous les responsables sans compte actif</label>
          </div>
          <div>
            <input id="letters-reissue" type="checkbox" checked={reissue} onChange={(e) => setReissue(e.target.checked)} />
            <label htmlFor="letters-reissue">
              Nouveaux identifiants aussi pour les comptes déjà actifs (sinon : un rappel d’identifiant, sans mot de passe)
            </label>
          </div>
        </fieldset>
        <p className="muted small">Pour un seul responsable : bouton « Courrier de notification » sur sa fiche.</p>
        <div className="actions">
          <button type="submit">Voir les courriers</button>
        </div>
      </form>
      {chosen && <Preview key={JSON.stringify([chosen, reissue])} selection={chosen} reissue={reissue} />}
      <LetterSettingsForm />
    </>
  );
}
