import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { errorMessage } from '../transport/call';
import { createPageCache, type PageAnswer, type PageCache } from './paging';

export interface PagedList<T> {
  total: number | null;
  rowAt: (index: number) => T | undefined;
  /** Tell the list which rows are on screen; it fetches what is missing. */
  show: (first: number, last: number) => void;
  error: string | null;
  loading: boolean;
}

export const PAGE_SIZE = 200;
const MARGIN = 100;

/**
 * A list of `total` rows fetched page by page around what is on screen.
 * `queryKey` changes (search, filters, sort) start a new query; answers to older queries are
 * dropped. `revision` changes (register.changed) refetch the visible pages in place.
 */
export function usePagedList<T>(
  queryKey: string,
  revision: number,
  fetchPage: (offset: number, limit: number) => Promise<PageAnswer<T>>,
): PagedList<T> {
  const cacheRef = useRef<PageCache<T> | null>(null);
  if (!cacheRef.current) cacheRef.current = createPageCache<T>(PAGE_SIZE);
  const cache = cacheRef.current;
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(0);
  const windowRef = useRef<[number, number]>([0, 0]);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const mounted = useRef(true);

  const load = useCallback(() => {
    const [first, last] = windowRef.current;
    for (const request of cache.need(first, last, MARGIN)) {
      setPending((n) => n + 1);
      fetchRef.current(request.offset, request.limit).then(
        (answer) => {
          if (!mounted.current) return;
          setPending((n) => n - 1);
          if (cache.receive(request, answer)) {
            setError(null);
            rerender();
          }
        },
        (err: unknown) => {
          if (!mounted.current) return;
          setPending((n) => n - 1);
          cache.failed(request);
          setError(errorMessage(err));
        },
      );
    }
  }, [cache]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const firstRun = useRef(true);
  useEffect(() => {
    if (!firstRun.current) cache.reset();
    firstRun.current = false;
    load();
  }, [queryKey, cache, load]);

  const lastRevision = useRef(revision);
  useEffect(() => {
    if (lastRevision.current === revision) return;
    lastRevision.current = revision;
    cache.invalidate();
    load();
  }, [revision, cache, load]);

  const show = useCallback(
    (first: number, last: number) => {
      const [f, l] = windowRef.current;
      if (f === first && l === last) return;
      windowRef.current = [first, last];
      load();
    },
    [load],
  );

  return { total: cache.total(), rowAt: (i) => cache.rowAt(i), show, error, loading: pending > 0 };
}
