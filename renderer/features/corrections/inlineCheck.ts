import { useState, type Dispatch, type SetStateAction } from 'react';
import { normaliseDate } from '../../../shared/domain/dates';
import { normaliseEmail } from '../../../shared/domain/emails';
import { normaliseName } from '../../../shared/domain/names';
import { labelledMessage } from '../../../shared/domain/text';
import type { SaveFailure } from './fieldErrors';

const LABELS: Record<string, string> = { lastName: 'Nom', firstName: 'Prénom', email: 'Courriel', birthDate: 'Date de naissance' };

/**
 * The import's own rules, run as soon as a field is left, so a refusal shows before saving; the
 * core checks again on save (it has the last word). Undefined: nothing to say.
 */
export function checkField(field: string, value: string, today: Date = new Date()): string | undefined {
  const r =
    field === 'lastName' || field === 'firstName'
      ? normaliseName(value)
      : field === 'email'
        ? value.trim() === ''
          ? null
          : normaliseEmail(value)
        : field === 'birthDate'
          ? normaliseDate(value, today)
          : null;
  if (!r || r.ok) return undefined;
  return labelledMessage(LABELS[field] ?? field, r.message);
}

/**
 * Inline checks of a form: a field is checked when it is left, and while its message shows, again
 * at each keystroke. So the message goes as soon as the value reads, never on leaving the field:
 * a message vanishing on blur moved « Enregistrer » up between the press and the release of the
 * click, and the click was lost without a word.
 */
export function useFieldChecks(failure: SaveFailure | null, setFailure: Dispatch<SetStateAction<SaveFailure | null>>) {
  const [local, setLocal] = useState<Record<string, string | undefined>>({});
  const check = (field: string, value: string) => {
    setLocal((l) => ({ ...l, [field]: checkField(field, value) }));
    // The core's message was about the old value.
    setFailure((f) => (f && field in f.fields ? { ...f, fields: Object.fromEntries(Object.entries(f.fields).filter(([k]) => k !== field)) } : f));
  };
  const errors: Record<string, string | undefined> = { ...failure?.fields, ...Object.fromEntries(Object.entries(local).filter(([, v]) => v)) };
  return {
    errors,
    /** onChange: re-checks only a field whose message is showing. */
    edited: (field: string, value: string) => {
      if (errors[field]) check(field, value);
    },
    /**
     * onBlur: may add a message, never removes one (`edited` already did). Not when the field is
     * left for « Enregistrer »: the save checks it and says so, while a message appearing between
     * the press and the release of the click would move the button from under the pointer, and
     * the click would be lost without a word.
     */
    left: (field: string, value: string, next?: EventTarget | null) => {
      if (next instanceof HTMLButtonElement && next.type === 'submit') return;
      if (!errors[field] && checkField(field, value)) check(field, value);
    },
  };
}
