// Errors are values across every transport: Electron keeps only an error's message across invoke,
// and HTTP has no exceptions at all.

export type ErrorCode =
  | 'invalid_input' // the call's input failed its schema
  | 'not_found'
  | 'unknown_call'
  | 'unusable_file' // an import file that cannot be read as a sheet
  | 'mapping_required' // required columns could not be mapped automatically
  | 'conflict'
  | 'locked' // another process owns the register
  | 'too_new' // register written by a newer Sésame
  | 'stale' // a prepared plan no longer matches the register
  | 'service_unavailable'
  | 'forbidden'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  /** French, for the person using Sésame. Never carries a password, code or token. */
  message: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
