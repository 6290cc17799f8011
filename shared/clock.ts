// Timestamps are made in JS (never by SQL) so that journal replay is deterministic and tests can
// freeze or step time.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface SteppableClock extends Clock {
  set(iso: string | Date): void;
  advance(ms: number): void;
}

export function fixedClock(start: string | Date = '2026-09-01T08:00:00.000Z'): SteppableClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (iso) => {
      t = new Date(iso).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
