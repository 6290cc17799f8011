import { afterEach, describe, expect, it, vi } from 'vitest';
import { debounce, type Timers } from './debounce';
import { createLatest } from './latest';

describe('createLatest', () => {
  it('keeps only the latest ticket current', async () => {
    const latest = createLatest();
    const shown: string[] = [];
    const answer = (query: string, ms: number) => {
      const ticket = latest.begin();
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          if (latest.isCurrent(ticket)) shown.push(query);
          resolve();
        }, ms),
      );
    };
    // "du" answers after "dupont": the slow, older answer must be dropped.
    await Promise.all([answer('du', 30), answer('dupont', 5)]);
    expect(shown).toEqual(['dupont']);
  });

  it('cancel invalidates everything in flight', () => {
    const latest = createLatest();
    const t = latest.begin();
    latest.cancel();
    expect(latest.isCurrent(t)).toBe(false);
  });
});

describe('debounce', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once with the last arguments after a quiet period', () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    const d = debounce((q: string) => calls.push(q), 150);
    d.call('d');
    vi.advanceTimersByTime(100);
    d.call('du');
    vi.advanceTimersByTime(100);
    d.call('dup');
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(149);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['dup']);
  });

  it('flush runs the pending call now; cancel drops it', () => {
    const pending: Array<() => void> = [];
    const timers: Timers = { set: (fn) => pending.push(fn), clear: () => undefined };
    const calls: number[] = [];
    const d = debounce((n: number) => calls.push(n), 150, timers);
    d.call(1);
    d.flush();
    expect(calls).toEqual([1]);
    d.call(2);
    d.cancel();
    for (const fn of pending) fn();
    expect(calls).toEqual([1]);
  });
});
