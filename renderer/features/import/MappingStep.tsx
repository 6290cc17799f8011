import { useId } from 'react';
import type { PreparedFile } from '../../../shared/contract/import';
import { fieldLabel, fieldOptions, groupChoices } from './fields';
import { useImportStore } from './store';

const NO_MAPPING: Record<string, string | null> = {};

function FileMapping({ file }: { file: PreparedFile }) {
  const id = useId();
  const mapping = useImportStore((s) => s.mapping[file.name]) ?? NO_MAPPING;
  const setColumn = useImportStore((s) => s.setColumn);
  const chosen = Object.values(mapping).filter((f): f is string => f !== null);
  const missing = file.missingRequired.filter((f) => !chosen.includes(f));
  const duplicates = [...new Set(chosen.filter((f, i) => chosen.indexOf(f) !== i))];
  const groups = groupChoices(fieldOptions([...file.columns.map((c) => c.field), ...file.missingRequired]));
  const samples = file.samples ?? [];

  return (
    <section aria-labelledby={`${id}-h`} className="panel">
      <h3 id={`${id}-h`}>{file.name}</h3>
      {missing.length > 0 ? (
        <p className="alert alert-warning">
          Champs obligatoires sans colonne : {missing.map((f) => fieldLabel(f)).join(', ')}.
        </p>
      ) : (
        <p className="muted">Tous les champs obligatoires ont une colonne.</p>
      )}
      {duplicates.length > 0 && (
        <p className="alert alert-warning">
          Plusieurs colonnes vont dans le même champ : {duplicates.map((f) => fieldLabel(f)).join(', ')}.
        </p>
      )}
      <table className="table mapping">
        <caption className="visually-hidden">Colonnes de {file.name} et champ correspondant</caption>
        <thead>
          <tr>
            <th scope="col">Colonne</th>
            {samples.length > 0 && <th scope="col">Exemples</th>}
            <th scope="col">Champ Sésame</th>
          </tr>
        </thead>
        <tbody>
          {file.columns.map((c) => {
            const selectId = `${id}-c${c.column}`;
            const value = mapping[String(c.column)] ?? null;
            return (
              <tr key={c.column}>
                <th scope="row">
                  <label htmlFor={selectId}>{c.header || `Colonne ${c.column + 1} (sans titre)`}</label>
                </th>
                {samples.length > 0 && (
                  <td className="samples">
                    {samples
                      .map((r) => r[c.column] ?? '')
                      .filter(Boolean)
                      .slice(0, 3)
                      .join(' · ')}
                  </td>
                )}
                <td>
                  <select
                    id={selectId}
                    value={value ?? ''}
                    onChange={(e) => setColumn(file.name, c.column, e.target.value || null)}
                  >
                    <option value="">Ignorer cette colonne</option>
                    {groups.map((g) => (
                      <optgroup key={g.group} label={g.group}>
                        {g.choices.map((f) => (
                          <option key={f.field} value={f.field}>
                            {f.label}
                            {file.missingRequired.includes(f.field) ? ' (obligatoire)' : ''}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                  </select>
                  {c.auto && value === c.field && c.field !== null && <span className="muted small"> reconnue</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export function MappingStep() {
  const prepared = useImportStore((s) => s.prepared);
  const applyMapping = useImportStore((s) => s.applyMapping);
  const cancel = useImportStore((s) => s.cancel);
  const busy = useImportStore((s) => s.busy);
  if (!prepared) return null;
  const needing = prepared.files.filter((f) => f.missingRequired.length > 0);
  const shown = needing.length > 0 ? needing : prepared.files;
  return (
    <section aria-labelledby="step-mapping">
      <h2 id="step-mapping">Étape 2 : indiquer les colonnes</h2>
      <p>
        Sésame n’a pas reconnu toutes les colonnes obligatoires. Pour chaque colonne, choisissez le champ qu’elle
        contient. Ce choix sera retenu pour les prochains fichiers ayant les mêmes colonnes.
      </p>
      {shown.map((f) => (
        <FileMapping key={f.name} file={f} />
      ))}
      <div className="actions">
        <button type="button" className="primary" disabled={busy !== null} onClick={() => void applyMapping()}>
          Valider les colonnes
        </button>
        <button type="button" onClick={() => void cancel()}>
          Annuler
        </button>
      </div>
    </section>
  );
}
