// The least sql.js can spend holding an import's rows: the very rows a full import wrote (students,
// guardians, links, problems), read back and inserted into bare tables (same columns, no key, no
// index, no constraint, no trigger) through cached prepared statements, in one transaction, with
// nothing made durable. No import pipeline can write its register faster on this engine, so this
// figure, next to papaparse's parse of the same file, bounds what the full-import ratio can reach.
import type { Database } from 'sql.js';
import { loadSql } from '../../electron/core/db/sqljs';
import type { SqlValue } from '../../electron/core/db/types';
import { repeat } from './stats';

const TABLES = ['student', 'guardian', 'guardianship', 'import_problem'] as const;

export interface FloorRows {
  table: string;
  columns: string[];
  rows: SqlValue[][];
}

/** Every row of the import's tables in a register, as arrays (read once, outside the timing). */
export function readImportRows(db: Database): FloorRows[] {
  return TABLES.map((table) => {
    const [result] = db.exec(`SELECT * FROM ${table}`);
    return { table, columns: result?.columns ?? [], rows: (result?.values ?? []) as SqlValue[][] };
  });
}

/** Wall times (ms) of `runs` bare inserts of `data` into fresh in-memory databases. */
export async function bareInsertMs(data: FloorRows[], runs: number): Promise<number[]> {
  const SQL = await loadSql();
  return repeat(runs, () => {
    const db = new SQL.Database();
    try {
      db.run('BEGIN');
      for (const t of data) {
        if (t.columns.length === 0) continue;
        db.run(`CREATE TABLE ${t.table} (${t.columns.map((c) => `"${c}"`).join(', ')})`);
        const st = db.prepare(`INSERT INTO ${t.table} VALUES (${t.columns.map(() => '?').join(', ')})`);
        for (const r of t.rows) st.run(r as never);
        st.free();
      }
      db.run('COMMIT');
    } finally {
      db.close();
    }
  });
}

export const rowCount = (data: FloorRows[]): number => data.reduce((n, t) => n + t.rows.length, 0);
