import { describe, expect, it } from 'vitest';
import { createPageCache, pagesForRange } from './paging';

describe('pagesForRange', () => {
  it('covers the visible rows plus the margin, within the list', () => {
    expect(pagesForRange(0, 20, 100, 100_000, 50)).toEqual([0]);
    expect(pagesForRange(90, 120, 100, 100_000, 0)).toEqual([0, 1]);
    expect(pagesForRange(250, 260, 100, 100_000, 100)).toEqual([1, 2, 3]);
    expect(pagesForRange(99_990, 99_999, 100, 100_000, 100)).toEqual([998, 999]);
  });
  it('is empty for an empty list and clamps past the end', () => {
    expect(pagesForRange(0, 10, 100, 0, 50)).toEqual([]);
    expect(pagesForRange(0, 10, 100, 5, 50)).toEqual([0]);
  });
});

const rows = (offset: number, n: number) => Array.from({ length: n }, (_, i) => `r${offset + i}`);

describe('createPageCache', () => {
  it('asks for what is on screen once, then serves rows from the answers', () => {
    const cache = createPageCache<string>(100);
    const first = cache.need(0, 30, 50);
    expect(first.map((r) => [r.offset, r.limit])).toEqual([[0, 100]]);
    expect(cache.need(0, 30, 50)).toEqual([]); // in flight: not asked twice
    expect(cache.total()).toBeNull();
    expect(cache.receive(first[0]!, { total: 100_000, rows: rows(0, 100) })).toBe(true);
    expect(cache.total()).toBe(100_000);
    expect(cache.rowAt(42)).toBe('r42');
    expect(cache.rowAt(142)).toBeUndefined();
    const next = cache.need(120, 140, 50);
    expect(next.map((r) => r.page)).toEqual([1]);
  });

  it('drops answers to an older query (search typed faster than the answers)', () => {
    const cache = createPageCache<string>(100);
    const old = cache.need(0, 10, 0);
    cache.reset();
    const fresh = cache.need(0, 10, 0);
    expect(cache.receive(fresh[0]!, { total: 3, rows: ['dupont'] })).toBe(true);
    expect(cache.receive(old[0]!, { total: 900, rows: ['du…'] })).toBe(false);
    expect(cache.total()).toBe(3);
    expect(cache.rowAt(0)).toBe('dupont');
  });

  it('keeps showing the previous query until the new one answers', () => {
    const cache = createPageCache<string>(100);
    const a = cache.need(0, 10, 0);
    cache.receive(a[0]!, { total: 50, rows: rows(0, 50) });
    cache.reset();
    expect(cache.total()).toBe(50);
    expect(cache.rowAt(1)).toBe('r1');
    const b = cache.need(0, 10, 0);
    cache.receive(b[0]!, { total: 1, rows: ['x'] });
    expect(cache.total()).toBe(1);
    expect(cache.rowAt(1)).toBeUndefined();
  });

  it('refetches visible pages after the data changed, keeping the old rows meanwhile', () => {
    const cache = createPageCache<string>(100);
    const a = cache.need(0, 10, 0);
    cache.receive(a[0]!, { total: 100, rows: rows(0, 100) });
    cache.invalidate();
    const again = cache.need(0, 10, 0);
    expect(again).toHaveLength(1);
    expect(cache.rowAt(0)).toBe('r0');
    expect(cache.receive(again[0]!, { total: 101, rows: ['new', ...rows(1, 99)] })).toBe(true);
    expect(cache.rowAt(0)).toBe('new');
    // A late answer from before the change must not overwrite the fresh one.
    expect(cache.receive(a[0]!, { total: 100, rows: rows(0, 100) })).toBe(false);
    expect(cache.rowAt(0)).toBe('new');
  });

  it('asks again for a page whose request failed', () => {
    const cache = createPageCache<string>(100);
    const a = cache.need(0, 10, 0);
    cache.failed(a[0]!);
    expect(cache.need(0, 10, 0)).toHaveLength(1);
  });

  it('forgets pages far from the screen to bound memory', () => {
    const cache = createPageCache<string>(10, 3);
    for (let page = 0; page < 6; page++) {
      const [req] = cache.need(page * 10, page * 10 + 5, 0);
      cache.receive(req!, { total: 1000, rows: rows(page * 10, 10) });
    }
    expect(cache.rowAt(55)).toBe('r55');
    expect(cache.rowAt(5)).toBeUndefined();
  });
});
