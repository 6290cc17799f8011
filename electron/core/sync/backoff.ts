// Retries with exponential backoff and full jitter (sleep a random time in [0, min(cap, base·2^n)]),
// so that many schools coming back online do not hit the service in step.
import { SyncHttpError } from './client';

export interface RetryOptions {
  /** Attempts per request in one run, the first included. */
  attempts: number;
  baseMs: number;
  capMs: number;
  /** Injectable for tests: a number in [0, 1). */
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultRetry: RetryOptions = {
  attempts: 5,
  baseMs: 250,
  capMs: 8_000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export const backoffDelay = (attempt: number, o: Pick<RetryOptions, 'baseMs' | 'capMs' | 'random'>): number =>
  Math.floor(o.random() * Math.min(o.capMs, o.baseMs * 2 ** attempt));

/** Runs `fn` until it succeeds, fails for good (not retryable) or runs out of attempts. */
export async function withRetry<T>(fn: () => Promise<T>, o: RetryOptions, onRetry?: (err: SyncHttpError) => void): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const retryable = err instanceof SyncHttpError && err.retryable;
      if (!retryable || attempt + 1 >= o.attempts) throw err;
      onRetry?.(err);
      await o.sleep(backoffDelay(attempt, o));
    }
  }
}
