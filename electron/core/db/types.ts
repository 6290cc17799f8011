// The register: one sql.js database per school, made durable by a snapshot file plus an
// append-only journal of committed transactions (see db/README.md).

export type SqlValue = string | number | null | Uint8Array;
export type SqlParams = SqlValue[] | Record<string, SqlValue>;

/** What a statement did: `changes` is the number of rows inserted, updated or deleted (use it for
 * optimistic checks such as `UPDATE … WHERE version = ?`). */
export interface RunResult {
  changes: number;
}

/** What a write transaction may do. Every statement is recorded for the journal, so it must be
 * deterministic: ids and timestamps come from JS, never from SQL functions. */
export interface Tx {
  run(sql: string, params?: SqlParams): RunResult;
  all<T = Record<string, SqlValue>>(sql: string, params?: SqlParams): T[];
  get<T = Record<string, SqlValue>>(sql: string, params?: SqlParams): T | undefined;
}

export interface WriteOptions {
  /** 'journal' (default): append the transaction's statements to the journal and fsync.
   * 'snapshot': write a whole new snapshot atomically instead (bulk imports, where logging
   * every statement would cost more than the image). */
  durability?: 'journal' | 'snapshot';
}

export interface Register {
  readonly path: string;
  all<T = Record<string, SqlValue>>(sql: string, params?: SqlParams): T[];
  get<T = Record<string, SqlValue>>(sql: string, params?: SqlParams): T | undefined;
  /** Runs `fn` in one SQL transaction and resolves only once it is durable on disk. `fn` is
   * synchronous; if it throws, nothing is kept. Calls are serialised. */
  write<T>(fn: (tx: Tx) => T, options?: WriteOptions): Promise<T>;
  /** Folds the journal into a new snapshot. */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}
