import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { PagedList } from './usePagedList';

export interface Column<T, K extends string> {
  id: string;
  label: string;
  /** Sort key sent to the core; absent when the column is not sortable. */
  sortKey?: K;
  /** CSS grid track, e.g. `2fr` or `9rem`. */
  width: string;
  /** The header is for screen readers only (e.g. a column of checkboxes). */
  hideLabel?: boolean;
  /** The cells hold a control (a checkbox): not clipped, so its focus ring shows whole, and never
   * used for the « Chargement… » placeholder. */
  control?: boolean;
  render: (row: T) => ReactNode;
}

export interface Sort<K extends string> {
  key: K;
  dir: 'asc' | 'desc';
}

interface Props<T, K extends string> {
  label: string;
  columns: Column<T, K>[];
  list: PagedList<T>;
  sort: Sort<K>;
  onSort: (sort: Sort<K>) => void;
  /** Changes when the query changes, to scroll back to the top. */
  queryKey: string;
  rowKey: (row: T) => string;
  onOpen: (row: T) => void;
  empty: string;
}

const ROW_HEIGHT = 40;

/**
 * An ARIA table whose body is virtualised: only the rows on screen exist in the DOM, and
 * `aria-rowcount`/`aria-rowindex` tell assistive technologies where they are in the whole list.
 */
const controlCell: CSSProperties = { overflow: 'visible' };

export function VirtualTable<T, K extends string>(props: Props<T, K>) {
  const { columns, list, sort, onSort } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const [headHeight, setHeadHeight] = useState(ROW_HEIGHT);
  const total = list.total ?? 0;

  useLayoutEffect(() => {
    if (headRef.current) setHeadHeight(headRef.current.offsetHeight);
  }, []);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: headHeight,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  const { show } = list;
  useEffect(() => {
    show(first, Math.max(first, last));
  }, [first, last, show]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [props.queryKey]);

  const template = columns.map((c) => c.width).join(' ');
  // « Chargement… » goes in the first column with room for text, not in a checkbox column.
  const placeholderColumn = Math.max(0, columns.findIndex((c) => !c.control));

  return (
    <div className="vt-wrap">
      {/*
        The scroller is keyboard reachable even while rows (and their links) are loading. It wraps
        the table rather than sitting inside it: a table may only own rows and row groups.
      */}
      <div className="vt-scroll" ref={scrollRef} tabIndex={0}>
        <div className="vt" role="table" aria-label={props.label} aria-rowcount={total + 1} aria-busy={list.loading}>
          <div className="vt-head" role="rowgroup" ref={headRef}>
            <div className="vt-row" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
              {columns.map((c) => {
                const active = c.sortKey !== undefined && sort.key === c.sortKey;
                const ariaSort = !c.sortKey ? undefined : active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
                return (
                  <div key={c.id} role="columnheader" aria-sort={ariaSort} className="vt-cell vt-th">
                    {c.sortKey ? (
                      <button
                        type="button"
                        className="vt-sort"
                        onClick={() =>
                          onSort({ key: c.sortKey as K, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' })
                        }
                      >
                        {c.label}
                        <span aria-hidden="true" className="vt-sort-icon">
                          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                        </span>
                      </button>
                    ) : c.hideLabel ? (
                      <span className="visually-hidden">{c.label}</span>
                    ) : (
                      c.label
                    )}
                  </div>
                );
              })}
            </div>
          </div>
          <div className="vt-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = list.rowAt(item.index);
              return (
                <div
                  key={row ? props.rowKey(row) : `p${item.index}`}
                  className={row ? 'vt-row vt-data' : 'vt-row vt-placeholder'}
                  role="row"
                  aria-rowindex={item.index + 2}
                  style={{
                    gridTemplateColumns: template,
                    height: ROW_HEIGHT,
                    transform: `translateY(${item.start - headHeight}px)`,
                  }}
                  onClick={
                    row
                      ? (e) => {
                          // Links and controls in the row (a selection checkbox) handle keyboard and their own clicks.
                          if ((e.target as HTMLElement).closest('a,button,input,label')) return;
                          props.onOpen(row);
                        }
                      : undefined
                  }
                >
                  {columns.map((c, i) => (
                    <div key={c.id} role="cell" className="vt-cell" style={c.control ? controlCell : undefined}>
                      {row ? c.render(row) : i === placeholderColumn ? <span className="muted">Chargement…</span> : null}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {/* Outside the table, for the same reason. */}
      {list.total === 0 && <p className="vt-empty">{props.empty}</p>}
    </div>
  );
}
