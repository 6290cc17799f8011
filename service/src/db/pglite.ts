import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './types';

/** Embedded PostgreSQL: `dataDir` on disk, or in memory when absent. One connection, serialised. */
export async function pgliteDb(dataDir?: string): Promise<Db> {
  const lite = dataDir ? new PGlite(dataDir) : new PGlite();
  await lite.waitReady;
  return {
    kind: 'pglite',
    query: async <T>(sql: string, params?: unknown[]) => (await lite.query<T>(sql, params)).rows,
    tx: (fn) =>
      lite.transaction(async (t) => {
        const q: Queryable = { query: async <T>(sql: string, params?: unknown[]) => (await t.query<T>(sql, params)).rows };
        return fn(q);
      }),
    close: () => lite.close(),
  };
}
