/**
 * Window math and page cache for lists of up to hundreds of thousands of rows fetched in pages.
 * Pure (no React, no DOM) so that it is tested on its own; `usePagedList` drives it.
 */

/** Page indices covering rows [first, last] widened by `margin` rows, within [0, total). */
export function pagesForRange(first: number, last: number, pageSize: number, total: number, margin: number): number[] {
  if (total <= 0 || last < first) return [];
  const from = Math.max(0, first - margin);
  const to = Math.min(total - 1, last + margin);
  if (to < from) return [];
  const pages: number[] = [];
  for (let p = Math.floor(from / pageSize); p <= Math.floor(to / pageSize); p++) pages.push(p);
  return pages;
}

export interface PageAnswer<T> {
  total: number;
  rows: T[];
}

export interface PageRequest {
  generation: number;
  revision: number;
  page: number;
  offset: number;
  limit: number;
}

export interface PageCache<T> {
  /** New query (search, filter or sort): old pages are shown until the first new answer. */
  reset(): void;
  /** Data changed: pages are kept on screen but refetched when next needed. */
  invalidate(): void;
  /** Pages to fetch now for the visible rows; they are marked in flight. */
  need(first: number, last: number, margin: number): PageRequest[];
  /** Stores an answer; false when it belongs to an older query or an older revision. */
  receive(request: PageRequest, answer: PageAnswer<T>): boolean;
  /** Forgets an in-flight request that failed, so it can be asked again. */
  failed(request: PageRequest): void;
  rowAt(index: number): T | undefined;
  /** Known total, or null before the first answer of the first query. */
  total(): number | null;
}

interface Generation<T> {
  id: number;
  pages: Map<number, { rows: T[]; revision: number }>;
  inFlight: Map<number, number>;
  total: number | null;
  answered: boolean;
}

export function createPageCache<T>(pageSize: number, maxPages = 40): PageCache<T> {
  let revision = 0;
  let current: Generation<T> = { id: 0, pages: new Map(), inFlight: new Map(), total: null, answered: false };
  let previous: Generation<T> | null = null;
  let lastWindow: [number, number] = [0, 0];

  const shown = () => (current.answered || !previous ? current : previous);

  const evict = () => {
    if (current.pages.size <= maxPages) return;
    const centre = Math.floor((lastWindow[0] + lastWindow[1]) / 2 / pageSize);
    const byDistance = [...current.pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const page of byDistance.slice(0, current.pages.size - maxPages)) current.pages.delete(page);
  };

  return {
    reset() {
      if (current.answered) previous = current;
      current = { id: current.id + 1, pages: new Map(), inFlight: new Map(), total: null, answered: false };
    },
    invalidate() {
      revision += 1;
    },
    need(first, last, margin) {
      lastWindow = [first, last];
      // Before any answer the total is unknown: ask for the first page covering the window.
      const total = current.total ?? Math.max(last + 1, 1);
      const requests: PageRequest[] = [];
      for (const page of pagesForRange(first, last, pageSize, total, margin)) {
        const have = current.pages.get(page);
        if (have && have.revision >= revision) continue;
        const asked = current.inFlight.get(page);
        if (asked !== undefined && asked >= revision) continue;
        current.inFlight.set(page, revision);
        requests.push({ generation: current.id, revision, page, offset: page * pageSize, limit: pageSize });
      }
      return requests;
    },
    receive(request, answer) {
      if (request.generation !== current.id) return false;
      if (current.inFlight.get(request.page) === request.revision) current.inFlight.delete(request.page);
      const have = current.pages.get(request.page);
      if (have && have.revision > request.revision) return false;
      current.pages.set(request.page, { rows: answer.rows, revision: request.revision });
      current.total = answer.total;
      current.answered = true;
      previous = null;
      evict();
      return true;
    },
    failed(request) {
      if (request.generation === current.id && current.inFlight.get(request.page) === request.revision) {
        current.inFlight.delete(request.page);
      }
    },
    rowAt(index) {
      const gen = shown();
      return gen.pages.get(Math.floor(index / pageSize))?.rows[index % pageSize];
    },
    total() {
      return shown().total;
    },
  };
}
