// « Courriers »: choose a batch (a class, or every guardian without an active account), see who
// gets a letter and who is left out and why, then print (LettersPreview).
import { useState } from 'react';
import type { LetterSelection } from '../../../shared/contract/letters';
import { PageTitle } from '../../app/ui';
import { plural } from '../../lib/format';
import { useCall } from '../../transport/useCall';
import { LettersPreview } from './LettersPreview';
import { PrintResult } from './PrintResult';
import { LetterSettingsForm } from './LetterSettingsForm';
import { useLastPrint } from './usePrintLetters';

const PLACE = 'letters';

export function LettersPage() {
  const divisions = useCall('divisions.list', {});
  const [scope, setScope] = useState<'division' | 'inactive'>('division');
  const [division, setDivision] = useState('');
  const [reissue, setReissue] = useState(false);
  const [chosen, setChosen] = useState<LetterSelection | null>(null);
  // Back on the page after a print: its result (and « Imprimer » again in Electron) is still here.
  const last = useLastPrint((s) => s.byPlace[PLACE] ?? null);
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
                  {d.name} ({plural(d.students, 'élève', 'élèves')})
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
      {chosen ? (
        <LettersPreview key={JSON.stringify([chosen, reissue])} selection={chosen} reissue={reissue} place={PLACE} />
      ) : (
        last && (
          <section aria-label="Dernier lot imprimé" className="panel">
            <PrintResult result={last} />
          </section>
        )
      )}
      <LetterSettingsForm />
    </>
  );
}
