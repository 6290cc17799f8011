import { useState } from 'react';
import type { GuardianForm, MergeField, MergePreview } from '../../../shared/contract/corrections';
import { href, navigate } from '../../app/router';
import { ErrorAlert, Loading, PageTitle } from '../../app/ui';
import { call, errorMessage } from '../../transport/call';
import { useCall } from '../../transport/useCall';

const label = (g: GuardianForm): string => [g.civility, g.lastName, g.firstName].filter(Boolean).join(' ');

function Choices({ preview, onMerged }: { preview: MergePreview; onMerged: (keepId: string) => void }) {
  const initial = Object.fromEntries(preview.fields.map((f) => [f.field, f.suggested])) as Record<MergeField, 'keep' | 'merge'>;
  const [choices, setChoices] = useState(initial);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const merge = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const r = await call('guardians.merge', {
        keepId: preview.keep.id,
        mergeId: preview.merge.id,
        fieldChoices: choices,
        keepVersion: preview.keep.version,
        mergeVersion: preview.merge.version,
      });
      onMerged(r.keepId);
    } catch (err) {
      setFailure(errorMessage(err));
      setBusy(false);
    }
  };
  const different = preview.fields.filter((f) => !f.same);
  return (
    <section aria-labelledby="merge-choices" className="panel conflict">
      <h2 id="merge-choices">Valeurs à garder</h2>
      <ErrorAlert message={failure} />
      {preview.warnings.length > 0 && (
        <div className="alert alert-warning">
          {preview.warnings.map((w, i) => (
            <p key={i}>{w}</p>
          ))}
        </div>
      )}
      {different.length === 0 && <p>Les deux fiches ont les mêmes valeurs.</p>}
      {different.map((f) => (
        <fieldset key={f.field}>
          <legend>{f.label}</legend>
          <div className="choices">
            {(['keep', 'merge'] as const).map((side) => {
              const value = side === 'keep' ? f.keepValue : f.mergeValue;
              return (
                <label key={side}>
                  <input
                    type="radio"
                    name={`merge-${f.field}`}
                    checked={choices[f.field] === side}
                    onChange={() => setChoices((c) => ({ ...c, [f.field]: side }))}
                  />
                  {value ?? 'non renseigné'}
                </label>
              );
            })}
          </div>
        </fieldset>
      ))}
      {preview.sharedStudents.length > 0 && (
        <p className="muted">Enfants rattachés aux deux fiches : {preview.sharedStudents.join(', ')} (un seul lien est gardé).</p>
      )}
      <p className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void merge()}>
          Fusionner en une seule fiche
        </button>
        <a href={href({ name: 'guardian', id: preview.keep.id })}>Annuler</a>
      </p>
    </section>
  );
}

function Side({ title, g }: { title: string; g: GuardianForm }) {
  return (
    <div>
      <h3>{title}</h3>
      <dl className="compare">
        <div>
          <dt>Nom</dt>
          <dd>
            <a href={href({ name: 'guardian', id: g.id })}>{label(g)}</a>
          </dd>
        </div>
        <div>
          <dt>Enfants</dt>
          <dd>{g.links.map((l) => l.studentLabel).join(', ') || 'aucun'}</dd>
        </div>
      </dl>
    </div>
  );
}

/** Merge two guardian records into one, choosing each field's value; every link moves. */
export function MergePage({ keepId, mergeId }: { keepId: string; mergeId: string }) {
  const { data, error, loading } = useCall('guardians.mergePreview', { keepId, mergeId });
  return (
    <>
      <PageTitle>Fusionner deux fiches de responsable</PageTitle>
      {!data ? (
        loading ? <Loading /> : <ErrorAlert message={error?.message ?? 'Fiches introuvables.'} />
      ) : (
        <>
          <section aria-labelledby="merge-sides" className="panel">
            <h2 id="merge-sides">Fiches comparées</h2>
            <div className="compare">
              <Side title="Fiche conservée" g={data.keep} />
              <Side title="Fiche fusionnée dans la première" g={data.merge} />
            </div>
            <p className="actions">
              <a href={href({ name: 'merge', keepId: mergeId, mergeId: keepId })}>Conserver plutôt la seconde fiche</a>
            </p>
          </section>
          <Choices key={`${data.keep.version}-${data.merge.version}`} preview={data} onMerged={(id) => navigate({ name: 'guardian', id })} />
        </>
      )}
    </>
  );
}
