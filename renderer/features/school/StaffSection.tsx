import { useState, type FormEvent } from 'react';
import type { StaffMember } from '../../../shared/contract/corrections';
import { useRevision } from '../../app/store';
import { ErrorAlert, Loading } from '../../app/ui';
import { call, errorMessage } from '../../transport/call';
import { useCall } from '../../transport/useCall';

/** One name field with its French error next to it (add and rename share it). */
function NameForm({
  id,
  label,
  initial = '',
  submitLabel,
  onSubmit,
  onCancel,
}: {
  id: string;
  label: string;
  initial?: string;
  submitLabel: string;
  onSubmit: (name: string) => Promise<string | null>;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const failure = await onSubmit(name);
    setBusy(false);
    setError(failure);
    if (!failure) setName(initial);
  };
  return (
    <form className="actor" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={name}
        maxLength={60}
        autoComplete="off"
        // Rename opens on the field: the person came to type.
        autoFocus={Boolean(onCancel)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Annuler
        </button>
      )}
      {error && (
        <span id={`${id}-error`} role="alert" className="field-error">
          {error}
        </span>
      )}
    </form>
  );
}

/**
 * « Personnel »: the names offered by « Qui êtes-vous ? ». Add, fix a typo, deactivate someone
 * who left (their past changes keep their name), reactivate.
 */
export function StaffSection() {
  const revision = useRevision('staff');
  const [nonce, setNonce] = useState(0);
  const staff = useCall('staff.list', { includeInactive: true }, `${revision}-${nonce}`);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const refresh = () => setNonce((n) => n + 1);

  const attempt = async (run: () => Promise<string>): Promise<string | null> => {
    setError(null);
    try {
      setStatus(await run());
      refresh();
      return null;
    } catch (err) {
      setStatus(null);
      return errorMessage(err);
    }
  };
  const add = (name: string) =>
    attempt(async () => {
      const m = await call('staff.add', { name });
      return `${m.name} ajouté à la liste.`;
    });
  const rename = (m: StaffMember) => async (name: string) => {
    const failure = await attempt(async () => {
      const r = await call('staff.rename', { id: m.id, name });
      return `${m.name} s’appelle désormais ${r.name}.`;
    });
    if (!failure) setRenaming(null);
    return failure;
  };
  const setActive = async (m: StaffMember, active: boolean) => {
    const failure = await attempt(async () => {
      await call('staff.setActive', { id: m.id, active });
      return active ? `${m.name} est de nouveau proposé au démarrage.` : `${m.name} n’est plus proposé au démarrage.`;
    });
    setError(failure);
  };

  const members = staff.data ?? [];
  return (
    <section aria-labelledby="staff-title" className="panel" data-testid="staff">
      <h2 id="staff-title">Personnel</h2>
      <p className="muted small">
        Les noms proposés au démarrage (« Qui êtes-vous ? ») ; chaque modification porte le nom choisi. Une personne désactivée n’est
        plus proposée, mais les modifications qu’elle a faites gardent son nom.
      </p>
      <ErrorAlert message={error ?? staff.error?.message} />
      {status && (
        <p role="status" className="success-text">
          {status}
        </p>
      )}
      {staff.data === null && !staff.error ? (
        <Loading />
      ) : members.length === 0 ? (
        <p>Aucun nom pour l’instant : les modifications sont signées « secrétariat ».</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Personnel</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">État</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  {renaming === m.id ? (
                    <NameForm
                      id={`staff-rename-${m.id}`}
                      label={`Nouveau nom pour ${m.name}`}
                      initial={m.name}
                      submitLabel="Enregistrer le nom"
                      onSubmit={rename(m)}
                      onCancel={() => setRenaming(null)}
                    />
                  ) : (
                    m.name
                  )}
                </th>
                <td>{m.active ? 'Actif' : 'Désactivé'}</td>
                <td className="actions">
                  {renaming !== m.id && (
                    <button type="button" aria-label={`Renommer ${m.name}`} onClick={() => setRenaming(m.id)}>
                      Renommer
                    </button>
                  )}
                  {m.active ? (
                    <button type="button" aria-label={`Désactiver ${m.name}`} onClick={() => void setActive(m, false)}>
                      Désactiver
                    </button>
                  ) : (
                    <button type="button" aria-label={`Réactiver ${m.name}`} onClick={() => void setActive(m, true)}>
                      Réactiver
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NameForm id="staff-add" label="Ajouter une personne" submitLabel="Ajouter à la liste" onSubmit={add} />
    </section>
  );
}
