import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db, Queryable } from './types';

export interface PgOptions {
  connectionString: string;
  /** Schema to work in (tests use one schema per file); created if missing. */
  schema?: string;
  max?: number;
}

// 'SET search_path' must reach every pooled connection: passing it as a startup option does that.
export async function pgDb(options: PgOptions): Promise<Db> {
  const { schema } = options;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Nom de schéma invalide : ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: options.connectionString });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its server must not crash the process.
  pool.on('error', () => undefined);
  return poolDb(pool);
}

/** Distinct statement texts given a name (prepared once per connection); beyond, unnamed. */
const MAX_NAMED = 256;

export function poolDb(pool: pg.Pool): Db {
  // Parameterised statements are prepared once per connection and then only bound and executed:
  // PostgreSQL no longer parses and plans the hot ones (SMS start, feed, token lookups) per
  // request. Named by a hash of their text, so a name never stands for two texts. Not `*`
  // selects: a prepared `SELECT *` fails if another process migrates the table under it.
  const names = new Map<string, string | null>();
  const nameOf = (sql: string): string | null => {
    let name = names.get(sql);
    if (name === undefined) {
      if (names.size >= MAX_NAMED) return null;
      name = sql.includes('*') ? null : `s_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
      names.set(sql, name);
    }
    return name;
  };
  const run = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]): Promise<T[]> => {
    const name = params?.length ? nameOf(sql) : null;
    return (await (name ? client.query({ name, text: sql, values: params }) : client.query(sql, params as unknown[]))).rows as T[];
  };
  return {
    kind: 'pg',
    query: (sql, params) => run(pool, sql, params),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const q: Queryable = { query: (sql, params) => run(client, sql, params) };
        const out = await fn(q);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
