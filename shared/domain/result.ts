/**
 * Outcome of every normalisation function in shared/domain.
 * `message` is French, says what is wrong with the value and how to fix it, and never
 * repeats other personal data (it may be shown in the UI or written to an import report).
 */
export type Normalised<T> =
  | { ok: true; value: T; warning?: { code: string; message: string } }
  | { ok: false; code: string; message: string };

export function ok<T>(value: T, warning?: { code: string; message: string }): Normalised<T> {
  return warning ? { ok: true, value, warning } : { ok: true, value };
}

export function fail<T = never>(code: string, message: string): Normalised<T> {
  return { ok: false, code, message };
}
