// The step before a print that would void letters already handed out (or an active account's
// password): printed again, a letter replaces the previous one and its password stops working.
import { useEffect, useId, useRef, type RefObject } from 'react';
import type { ReplacingDetails } from '../../../shared/contract/letters';
import { formatNumber } from '../../lib/format';

/** The question, in French, with the counts of what would stop working. */
export function replaceQuestion(r: ReplacingDetails): string {
  const printed = r.letters - r.activeAccounts;
  const active = r.activeAccounts;
  const parts: string[] = [];
  if (printed === 1) {
    parts.push('1 courrier remplacera un courrier déjà imprimé : les identifiants de ce courrier-là ne fonctionneront plus.');
  } else if (printed > 1) {
    parts.push(`${formatNumber(printed)} courriers remplaceront des courriers déjà imprimés : les identifiants de ces courriers-là ne fonctionneront plus.`);
  }
  if (active === 1) {
    parts.push('1 compte déjà actif recevra un nouveau mot de passe : son mot de passe actuel ne fonctionnera plus.');
  } else if (active > 1) {
    parts.push(`${formatNumber(active)} comptes déjà actifs recevront un nouveau mot de passe : leur mot de passe actuel ne fonctionnera plus.`);
  }
  parts.push('Imprimer quand même ?');
  return parts.join(' ');
}

interface Props {
  replacing: ReplacingDetails;
  onConfirm: () => void;
  /** Also on Escape. */
  onCancel: () => void;
  /** The button that printed: focus goes back to it once answered. */
  returnFocus: RefObject<HTMLElement | null>;
}

/** Inline alert dialog: « Annuler » takes focus (the safe choice under Enter), Escape cancels. */
export function ReplaceConfirm({ replacing, onConfirm: confirmed, onCancel: cancelled, returnFocus }: Props) {
  const onConfirm = () => {
    returnFocus.current?.focus();
    confirmed();
  };
  const onCancel = () => {
    cancelled();
    returnFocus.current?.focus();
  };
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancel.current?.focus();
  }, []);
  return (
    <div
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      className="alert alert-warning"
      data-testid="letters-replace-confirm"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onCancel();
      }}
    >
      <p id={`${id}-title`}>
        <strong>{replacing.letters > replacing.activeAccounts ? 'Remplacer des courriers déjà imprimés ?' : 'Remplacer des mots de passe en service ?'}</strong>
      </p>
      <p id={`${id}-text`}>{replaceQuestion(replacing)}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onConfirm}>
          Imprimer et remplacer
        </button>
        <button type="button" ref={cancel} onClick={onCancel}>
          Annuler
        </button>
      </div>
    </div>
  );
}
