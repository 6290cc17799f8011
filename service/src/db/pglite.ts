import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './types';

/**
 * Embedded PostgreSQL: `dataDir` on disk, or in memory when absent. One connection, serialised.
 * `from`: a data directory dump (from `dump()`) to start from, which skips initdb (tests).
 */
export type PgliteDb = Db & { dump(): Promise<Blob> };

export async function pgliteDb(dataDir?: string, from?: Blob): Promise<PgliteDb> {
  const lite = new PGlite({ ...(dataDir ? { dataDir } : {}), ...(from ? { loadDataDir: from } : {}) });
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
    dump: async () => (await lite.dumpDataDir('none')) as Blob,
  };
}
