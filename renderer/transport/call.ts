import type { AppEvent } from '../../shared/contract/events';
import type { CallName, Input, Output } from '../../shared/contract/index';
import type { AppError, ErrorCode } from '../../shared/contract/result';
import { getBridge } from './bridge';

/** A failed call, as components see it: the core's French message and its code. */
export class CallError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'CallError';
    this.code = error.code;
    this.details = error.details;
  }
}

/** Calls the core; resolves the value or throws a CallError (never any other error). */
export async function call<N extends CallName>(name: N, input: Input<N>): Promise<Output<N>> {
  let result;
  try {
    result = await getBridge().invoke(name, input);
  } catch {
    // Bridges return Result envelopes; this guards against a broken preload.
    throw new CallError({ code: 'internal', message: 'Sésame n’a pas pu traiter la demande. Réessayez.' });
  }
  if (result.ok) return result.value;
  throw new CallError(result.error);
}

export function errorMessage(err: unknown): string {
  if (err instanceof CallError) return err.message;
  return 'Une erreur inattendue est survenue. Réessayez.';
}

export function subscribe(listener: (event: AppEvent) => void): () => void {
  return getBridge().subscribe(listener);
}
