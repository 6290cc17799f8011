import type { AppError, ErrorCode } from '../../shared/contract';

/** Thrown inside the core for an expected failure; dispatch turns it into a Result error. */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppFailure';
    this.code = code;
    this.details = details;
  }
  toError(): AppError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
