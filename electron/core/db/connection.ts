// A sql.js database with a prepared-statement cache: an import runs about a million statements,
// so running one must not re-parse its SQL each time.
import type { Database, Statement } from 'sql.js';
import type { SqlParams, SqlValue } from './types';

const MAX_CACHED_STATEMENTS = 500;

export interface Connection {
  readonly db: Database;
  /** Runs one statement (or a parameterless script) and returns the number of rows changed. */
  run(sql: string, params?: SqlParams): number;
  all<T>(sql: string, params?: SqlParams): T[];
  get<T>(sql: string, params?: SqlParams): T | undefined;
  /** Drops cached statements (after anything that may invalidate them). */
  clearCache(): void;
  close(): void;
}

/** PRAGMAs are per connection and not stored in the image: applied on every open, and again after
 * each export() (older sql.js versions reopened the database there). */
export function applyPragmas(db: Database): void {
  db.run('PRAGMA foreign_keys = ON');
  // The database lives in memory: its rollback journal can too. Durability is ours (journal file).
  db.run('PRAGMA journal_mode = MEMORY');
  db.run('PRAGMA synchronous = OFF');
  db.run('PRAGMA temp_store = MEMORY');
  // SQLite's default 2 MB page cache spills and re-reads index pages in big transactions; 64 MB
  // measured as fast as 256 MB at 100,000 students, for a third of the memory once warm.
  db.run('PRAGMA cache_size = -65536');
}

export function wrapDatabase(db: Database): Connection {
  const cache = new Map<string, Statement>();

  function prepared(sql: string): Statement {
    let st = cache.get(sql);
    if (!st) {
      if (cache.size >= MAX_CACHED_STATEMENTS) clearCache();
      st = db.prepare(sql);
      cache.set(sql, st);
    }
    return st;
  }

  function clearCache(): void {
    for (const st of cache.values()) {
      try {
        st.free();
      } catch {
        // already freed by sql.js
      }
    }
    cache.clear();
  }

  return {
    db,
    run(sql, params) {
      if (params === undefined) {
        db.run(sql);
      } else {
        const st = prepared(sql);
        try {
          st.bind(params as never);
          st.step();
        } finally {
          st.reset();
        }
      }
      return db.getRowsModified();
    },
    all<T>(sql: string, params?: SqlParams): T[] {
      const st = prepared(sql);
      try {
        if (params !== undefined) st.bind(params as never);
        const rows: T[] = [];
        while (st.step()) rows.push(st.getAsObject() as T);
        return rows;
      } finally {
        st.reset();
      }
    },
    get<T>(sql: string, params?: SqlParams): T | undefined {
      const st = prepared(sql);
      try {
        if (params !== undefined) st.bind(params as never);
        return st.step() ? (st.getAsObject() as T) : undefined;
      } finally {
        st.reset();
      }
    },
    clearCache,
    close() {
      clearCache();
      db.close();
    },
  };
}

export type Row = Record<string, SqlValue>;
