// A sql.js database with a prepared-statement cache: an import runs about a million statements,
// so running one must not re-parse its SQL each time.
import type { Database, Statement } from 'sql.js';
import { loadedSql } from './sqljs';
import type { SqlParams, SqlValue } from './types';

const MAX_CACHED_STATEMENTS = 500;
/** Longer SQL is a one-off (bulk INSERTs carrying their values as literals): prepared, run, freed. */
const MAX_CACHED_SQL_CHARS = 8192;

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

/**
 * sql.js keeps the database in an in-memory file that grows by 12.5 % steps, each step a fresh
 * copy of the whole file: a commit that writes 150 MB of new pages allocates about nine times that
 * (measured: most of a first import's commit). A bulk writer announces how many bytes it is about
 * to add; the next BEGIN on a connection (no transaction open, memory equal to disk) reopens the
 * database from its own image followed by that much zeroed space, which SQLite ignores (the
 * header's page count rules) and then fills in place. Module-level on purpose: the import reaches
 * the register through its `Register` interface only, and the request is consumed by the very
 * next transaction.
 */
let pendingSpareBytes = 0;
const MIN_SPARE_BYTES = 16 * 1024 * 1024;

/** Asks the next transaction to start with `bytes` of room in the in-memory file (bulk imports). */
export function reserveForNextWrite(bytes: number): void {
  pendingSpareBytes = Math.max(pendingSpareBytes, Math.floor(bytes));
}

/**
 * `changes_since_open()` in SQL: like `total_changes()`, but it survives the reopening above (the
 * count of the previous database carries over), so "has anything been written since?" checks keep
 * working across a reservation.
 */
function installChangeCounter(db: Database, carried: number): void {
  db.create_function('changes_since_open', () => carried + Number(db.exec('SELECT total_changes()')[0]?.values[0]?.[0] ?? 0));
}

/** The parts of sql.js's module the bulk path uses (exported by its build, not typed). */
interface RawSql {
  _malloc(n: number): number;
  _free(p: number): void;
  writeArrayToMemory(a: Uint8Array, p: number): void;
  _sqlite3_exec(db: number, sql: number, cb: number, arg: number, err: number): number;
  _sqlite3_errmsg(db: number): number;
  UTF8ToString(p: number): string;
}

const utf8 = new TextEncoder();

/**
 * Runs a long parameterless SQL text (bulk INSERTs carrying their values as literals) through
 * sqlite3_exec, like `db.run(sql)`, but encoded by TextEncoder into malloc'd memory: sql.js encodes
 * strings char by char in JS onto its 5 MB stack, slow for megabytes and unsafe beyond.
 */
function execLong(db: Database, sql: string): boolean {
  const raw = loadedSql() as unknown as Partial<RawSql> | undefined;
  const handle = (db as unknown as { db?: unknown }).db;
  if (!raw?._malloc || !raw._free || !raw.writeArrayToMemory || !raw._sqlite3_exec || !raw._sqlite3_errmsg || !raw.UTF8ToString || typeof handle !== 'number') return false;
  const encoded = utf8.encode(sql);
  const bytes = new Uint8Array(encoded.length + 1); // NUL-terminated, as sqlite3_exec wants
  bytes.set(encoded);
  const ptr = raw._malloc(bytes.length);
  if (!ptr) return false;
  try {
    raw.writeArrayToMemory(bytes, ptr);
    const rc = raw._sqlite3_exec(handle, ptr, 0, 0, 0);
    if (rc !== 0) throw new Error(raw.UTF8ToString(raw._sqlite3_errmsg(handle)));
  } finally {
    raw._free(ptr);
  }
  return true;
}

export function wrapDatabase(initial: Database): Connection {
  let db = initial;
  let carriedChanges = 0;
  installChangeCounter(db, carriedChanges);
  const cache = new Map<string, Statement>();

  /** Reopens from the current image plus zeroed room, when the room is worth a copy of the image. */
  function applyReservation(): void {
    const spare = pendingSpareBytes;
    pendingSpareBytes = 0;
    if (spare < MIN_SPARE_BYTES) return;
    const pageSize = Number(db.exec('PRAGMA page_size')[0]?.values[0]?.[0] ?? 4096);
    const pages = Number(db.exec('PRAGMA page_count')[0]?.values[0]?.[0] ?? 0);
    // Growing a large register a little: a step or two of 12.5 % costs less than a copy.
    if (spare < (pages * pageSize) / 2) return;
    const image = db.export();
    // A Buffer: sql.js keeps it as the file without a copy (its `slice()` of a Uint8Array copies).
    const padded = Buffer.alloc(image.length + spare);
    padded.set(image);
    const Ctor = db.constructor as new (data?: Uint8Array) => Database;
    const next = new Ctor(padded);
    carriedChanges += Number(db.exec('SELECT total_changes()')[0]?.values[0]?.[0] ?? 0);
    clearCache();
    db.close();
    db = next;
    applyPragmas(db);
    installChangeCounter(db, carriedChanges);
  }

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
    get db() {
      return db;
    },
    run(sql, params) {
      if (params === undefined) {
        if (pendingSpareBytes > 0 && sql === 'BEGIN') applyReservation();
        if (sql.length <= MAX_CACHED_SQL_CHARS || !execLong(db, sql)) db.run(sql);
      } else if (sql.length > MAX_CACHED_SQL_CHARS) {
        const st = db.prepare(sql);
        try {
          st.bind(params as never);
          st.step();
        } finally {
          st.free();
        }
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
