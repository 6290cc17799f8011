import { useEffect, useState } from 'react';

export interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Calls `fn` once `ms` have passed without a new call; `flush` runs a pending call now. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number, timers: Timers = realTimers) {
  let handle: unknown = null;
  let pending: A | null = null;
  const run = () => {
    handle = null;
    const args = pending;
    pending = null;
    if (args) fn(...args);
  };
  return {
    call(...args: A) {
      pending = args;
      if (handle !== null) timers.clear(handle);
      handle = timers.set(run, ms);
    },
    flush() {
      if (handle !== null) timers.clear(handle);
      run();
    },
    cancel() {
      if (handle !== null) timers.clear(handle);
      handle = null;
      pending = null;
    },
  };
}

/** The value, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const handle = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(handle);
  }, [value, ms]);
  return settled;
}
