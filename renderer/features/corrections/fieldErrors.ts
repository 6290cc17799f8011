import { CallError, errorMessage } from '../../transport/call';

/** Field → French message, from an `invalid_input` error of the corrections calls. */
export type FieldErrors = Record<string, string>;

export interface SaveFailure {
  /** Shown at the top of the form (role=alert). */
  message: string;
  fields: FieldErrors;
}

/** Reads the per-field messages of a refused save, so each one sits next to its field. */
export function saveFailure(err: unknown): SaveFailure {
  const fields: FieldErrors = {};
  if (err instanceof CallError && err.details && typeof err.details === 'object') {
    const d = err.details as { fields?: unknown; field?: unknown; path?: unknown };
    if (Array.isArray(d.fields)) {
      for (const f of d.fields as Array<{ field?: unknown; message?: unknown }>) {
        if (typeof f.field === 'string' && typeof f.message === 'string' && !(f.field in fields)) fields[f.field] = f.message;
      }
    } else if (typeof d.field === 'string') {
      fields[d.field] = err.message;
    }
  }
  if (err instanceof CallError && err.code === 'conflict') {
    return { message: 'Cette fiche a été modifiée entre-temps. Rechargez-la avant d’enregistrer.', fields };
  }
  const count = Object.keys(fields).length;
  const message =
    count > 1 ? `${count} champs sont à corriger : rien n’a été enregistré.` : count === 1 ? `${errorMessage(err)} Rien n’a été enregistré.` : errorMessage(err);
  return { message, fields };
}
