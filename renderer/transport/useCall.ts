import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallName, Input, Output } from '../../shared/contract/index';
import { createLatest } from '../lib/latest';
import { call, CallError } from './call';

export interface CallState<T> {
  data: T | null;
  error: CallError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs a read call when the input (compared by JSON) or `refreshKey` changes; keeps the previous
 * data while reloading so that screens do not flash, and drops out-of-order answers.
 */
export function useCall<N extends CallName>(name: N, input: Input<N>, refreshKey: unknown = 0): CallState<Output<N>> {
  const key = JSON.stringify([name, input, refreshKey]);
  const [state, setState] = useState<{ data: Output<N> | null; error: CallError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const latest = useRef(createLatest());
  const [nonce, setNonce] = useState(0);
  const inputRef = useRef(input);
  inputRef.current = input;

  useEffect(() => {
    const ticket = latest.current.begin();
    setState((s) => ({ ...s, loading: true }));
    call(name, inputRef.current).then(
      (data) => {
        if (latest.current.isCurrent(ticket)) setState({ data, error: null, loading: false });
      },
      (err: unknown) => {
        if (!latest.current.isCurrent(ticket)) return;
        const error =
          err instanceof CallError ? err : new CallError({ code: 'internal', message: 'Erreur inattendue.' });
        setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
    return () => latest.current.cancel();
    // `key` covers name, input and refreshKey.
  }, [key, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, reload };
}
