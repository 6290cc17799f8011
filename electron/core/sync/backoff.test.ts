import { describe, expect, it } from 'vitest';
import { backoffDelay, withRetry } from './backoff';
import { SyncHttpError } from './client';

const opts = (random: () => number, sleeps: number[]) => ({
  attempts: 4,
  baseMs: 100,
  capMs: 500,
  random,
  sleep: async (ms: number) => void sleeps.push(ms),
});

describe('backoff with full jitter', () => {
  it('draws each delay in [0, min(cap, base·2^n)]', () => {
    for (const attempt of [0, 1, 2, 3, 10]) {
      const ceiling = Math.min(500, 100 * 2 ** attempt);
      expect(backoffDelay(attempt, { baseMs: 100, capMs: 500, random: () => 0 })).toBe(0);
      expect(backoffDelay(attempt, { baseMs: 100, capMs: 500, random: () => 0.999999 })).toBe(ceiling - 1);
    }
  });

  it('retries what the service may recover from, up to the attempts, then gives up with the last error', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const err = await withRetry(async () => {
      calls++;
      throw new SyncHttpError('server', 'panne', 500);
    }, opts(() => 0.5, sleeps)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncHttpError);
    expect(calls).toBe(4);
    expect(sleeps).toEqual([50, 100, 200]);
  });

  it('does not retry a refused token or a refused request', async () => {
    for (const kind of ['auth', 'refused', 'protocol'] as const) {
      let calls = 0;
      await expect(
        withRetry(async () => {
          calls++;
          throw new SyncHttpError(kind, 'non');
        }, opts(Math.random, [])),
      ).rejects.toThrow('non');
      expect(calls).toBe(1);
    }
  });

  it('returns the first success', async () => {
    let calls = 0;
    const v = await withRetry(async () => {
      if (++calls < 3) throw new SyncHttpError('network', 'coupé');
      return 'ok';
    }, opts(() => 0, []));
    expect(v).toBe('ok');
    expect(calls).toBe(3);
  });
});
