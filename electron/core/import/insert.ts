// Bulk writing helpers for the import's transaction: multi-row INSERTs, and secondary indexes
// rebuilt once after a bulk insert instead of being updated row by row.
import type { SqlValue, Tx } from '../db/types';

/** Rows per INSERT statement (measured: 64 and 256 cost about the same; more binds per call). */
const BATCH = 128;

/** Marks a column whose value comes with each row (the others are constants bound once). */
export const ROW = Symbol('row');

export interface Inserter {
  /** Adds one row: exactly the per-row values, in column order. */
  add(values: readonly SqlValue[]): void;
  flush(): void;
}

/**
 * Multi-row INSERT. Each column is either ROW (a per-row value) or a constant shared by every row,
 * bound once per statement as ?1, ?2…: binding is most of sql.js's cost per row.
 */
export function inserter(tx: Tx, table: string, columns: ReadonlyArray<readonly [string, SqlValue | typeof ROW]>, onRows?: (n: number) => void): Inserter {
  const constants: SqlValue[] = [];
  const slots: Array<number | null> = [];
  for (const [, v] of columns) {
    if (v === ROW) slots.push(null);
    else {
      constants.push(v);
      slots.push(constants.length);
    }
  }
  const perRow = slots.filter((s) => s === null).length;
  const names = columns.map(([c]) => c).join(', ');
  const sqlFor = (n: number) => {
    const tuples: string[] = [];
    let p = constants.length;
    for (let r = 0; r < n; r++) tuples.push(`(${slots.map((s) => `?${s ?? ++p}`).join(',')})`);
    return `INSERT INTO ${table} (${names}) VALUES ${tuples.join(',')}`;
  };
  const full = sqlFor(BATCH);
  const buf: SqlValue[] = [...constants];
  let rows = 0;
  const run = (sql: string) => {
    tx.run(sql, buf);
    onRows?.(rows);
    buf.length = constants.length;
    rows = 0;
  };
  return {
    add(values) {
      if (values.length !== perRow) throw new Error(`insert into ${table}: ${values.length} values for ${perRow} columns`);
      for (let i = 0; i < values.length; i++) buf.push(values[i] as SqlValue);
      if (++rows === BATCH) run(full);
    },
    flush() {
      if (rows > 0) run(sqlFor(rows));
    },
  };
}

export interface DroppedIndexes {
  /** Recreates the dropped indexes (same SQL as the schema's). */
  rebuild(): void;
}

/**
 * Drops the secondary indexes of `tables` (those with SQL: not the ones behind PRIMARY KEY or
 * UNIQUE constraints) so that a bulk insert does not update them row by row; `rebuild()` recreates
 * them from the schema's own text, sorted once, in the same transaction. A failure (e.g. a UNIQUE
 * index meeting a duplicate) throws and the whole transaction rolls back.
 */
export function dropSecondaryIndexes(tx: Tx, tables: readonly string[]): DroppedIndexes {
  const marks = tables.map(() => '?').join(', ');
  const indexes = tx.all<{ name: string; sql: string }>(
    `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${marks}) ORDER BY name`,
    [...tables],
  );
  for (const ix of indexes) tx.run(`DROP INDEX "${ix.name.replace(/"/g, '""')}"`);
  return {
    rebuild() {
      for (const ix of indexes) tx.run(ix.sql);
    },
  };
}
