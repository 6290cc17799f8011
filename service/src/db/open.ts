import { mkdirSync } from 'node:fs';
import { migrate } from './migrations';
import { pgDb } from './pg';
import { pgliteDb } from './pglite';
import type { Db } from './types';

/** DATABASE_URL (a PostgreSQL server) wins; otherwise PGlite in dataDir, or in memory. Migrated. */
export async function openDb(options: { databaseUrl?: string; dataDir?: string; schema?: string; poolMax?: number }): Promise<Db> {
  let db: Db;
  if (options.databaseUrl) db = await pgDb({ connectionString: options.databaseUrl, schema: options.schema, max: options.poolMax });
  else {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    db = await pgliteDb(options.dataDir);
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return db;
}
