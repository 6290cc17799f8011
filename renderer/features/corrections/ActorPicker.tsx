import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { StaffMember } from '../../../shared/contract/corrections';
import { useRevision } from '../../app/store';
import { call, errorMessage } from '../../transport/call';
import { useCall } from '../../transport/useCall';

/** Adds a staff name and makes it the actor; returns the French error, if any. */
async function addAndChoose(name: string): Promise<string | null> {
  try {
    const member = await call('staff.add', { name });
    await call('session.setActor', { staffId: member.id });
    return null;
  } catch (err) {
    return errorMessage(err);
  }
}

/** `onCancel`: the form was opened on demand (header), so Escape or « Annuler » closes it again. */
function AddStaffForm({ idPrefix, onDone, onCancel }: { idPrefix: string; onDone: () => void; onCancel?: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const failure = await addAndChoose(name);
    setError(failure);
    if (!failure) {
      setName('');
      onDone();
    }
  };
  const id = `${idPrefix}-new-staff`;
  return (
    <form onSubmit={(e) => void submit(e)} className="actor">
      <label htmlFor={id}>Nouveau nom</label>
      <input
        id={id}
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        autoComplete="off"
        // Opened on demand: the field is where the person is going.
        autoFocus={onCancel !== undefined}
        onKeyDown={
          onCancel
            ? (e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  onCancel();
                }
              }
            : undefined
        }
      />
      <button type="submit">Ajouter</button>
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

/** Asked once per session when names exist; mounted only then, so its fields exist only then. */
function WhoDialog({ members, onChoose, onDone }: { members: StaffMember[]; onChoose: (id: string) => void; onDone: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal?.();
    // showModal() focuses the first name: one Enter would sign as someone else. The question first.
    title.current?.focus();
  }, []);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="who-title" onClose={onDone}>
      <h2 id="who-title" ref={title} tabIndex={-1}>
        Qui êtes-vous ?
      </h2>
      <p>Chaque modification portera votre nom.</p>
      <ul className="plain actions">
        {members.map((m) => (
          <li key={m.id}>
            <button type="button" className="primary" onClick={() => onChoose(m.id)}>
              {m.name}
            </button>
          </li>
        ))}
      </ul>
      <AddStaffForm idPrefix="dialog" onDone={onDone} />
      <p className="actions">
        <button type="button" onClick={onDone}>
          Plus tard
        </button>
      </p>
    </dialog>
  );
}

/**
 * « Qui êtes-vous ? »: who acts in this session, shown in the header. When names exist and none
 * is chosen yet, a dialog asks once; with no names, nothing blocks (changes are signed « secrétariat »).
 */
export function ActorPicker() {
  const revision = useRevision('staff');
  const [nonce, setNonce] = useState(0);
  const session = useCall('session.get', {}, `${revision}-${nonce}`);
  const staff = useCall('staff.list', { includeInactive: false }, `${revision}-${nonce}`);
  const [adding, setAdding] = useState(false);
  const [asked, setAsked] = useState(false);
  const refresh = () => setNonce((n) => n + 1);
  // Closing the inline form gives the focus back to the button that opened it.
  const addButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!adding && refocus.current) {
      refocus.current = false;
      addButton.current?.focus();
    }
  }, [adding]);
  const closeAdding = () => {
    refocus.current = true;
    setAdding(false);
  };

  const actor = session.data?.actor ?? null;
  const members = staff.data ?? [];
  const loaded = session.data !== null && staff.data !== null;
  const mustAsk = !asked && loaded && actor === null && members.length > 0;

  // Asked only at start: once the first answer needs no question, names added later never prompt.
  useEffect(() => {
    if (loaded && !mustAsk && !asked) setAsked(true);
  }, [loaded, mustAsk, asked]);

  const choose = async (staffId: string | null) => {
    await call('session.setActor', { staffId }).catch(() => undefined);
    setAsked(true);
    refresh();
  };

  return (
    <div className="actor" data-testid="actor">
      <label htmlFor="actor-select">Vous êtes</label>
      <select id="actor-select" value={actor?.id ?? ''} onChange={(e) => void choose(e.target.value || null)}>
        <option value="">Secrétariat (sans nom)</option>
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      {adding ? (
        <AddStaffForm
          idPrefix="header"
          onDone={() => {
            closeAdding();
            refresh();
          }}
          onCancel={closeAdding}
        />
      ) : (
        <button
          ref={addButton}
          type="button"
          onClick={() => {
            setAsked(true);
            setAdding(true);
          }}
        >
          Ajouter un nom
        </button>
      )}
      {mustAsk && (
        <WhoDialog
          members={members}
          onChoose={(id) => void choose(id)}
          onDone={() => {
            setAsked(true);
            refresh();
          }}
        />
      )}
    </div>
  );
}
