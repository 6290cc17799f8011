// The sync tables of the register: settings row, the service's versions, queued links, counts.
import type { SqlValue, Tx } from '../db/types';

type Reader = { get<T = Record<string, SqlValue>>(sql: string, params?: SqlValue[]): T | undefined };

export interface SyncStateRow {
  service_url: string | null;
  feed_cursor: string | null;
  last_sync_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
}

export const readSyncState = (db: Reader): SyncStateRow =>
  db.get<SyncStateRow>("SELECT service_url, feed_cursor, last_sync_at, last_attempt_at, last_error FROM sync_state WHERE id = 'sync'") ?? {
    service_url: null,
    feed_cursor: null,
    last_sync_at: null,
    last_attempt_at: null,
    last_error: null,
  };

export function updateSyncState(tx: Tx, values: Partial<SyncStateRow>, now: string): void {
  const keys = Object.keys(values) as Array<keyof SyncStateRow>;
  if (!keys.length) return;
  tx.run(`UPDATE sync_state SET ${keys.map((k) => `${k} = ?`).join(', ')}, updated_at = ? WHERE id = 'sync'`, [
    ...keys.map((k) => values[k] ?? null),
    now,
  ]);
}

export const syncedVersion = (db: Reader, entity: string, id: string): number | null => {
  const r = db.get<{ version: number }>('SELECT version FROM sync_version WHERE entity = ? AND entity_id = ?', [entity, id]);
  return r ? Number(r.version) : null;
};

export function setSyncedVersion(tx: Tx, entity: string, id: string, version: number, now: string): void {
  tx.run(
    `INSERT INTO sync_version (entity, entity_id, version, synced_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (entity, entity_id) DO UPDATE SET version = excluded.version, synced_at = excluded.synced_at`,
    [entity, id, version, now],
  );
}

/** Changes waiting for the service, counted per record: an import's single marker counts the
 * records it created or changed, which is what "N modifications en attente" means to staff. */
export function countPending(db: Reader & { all<T = Record<string, SqlValue>>(sql: string, params?: SqlValue[]): T[] }): number {
  let n = Number(db.get<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE state = 'pending' AND entity <> 'import_run'")?.n ?? 0);
  for (const m of db.all<{ entity_id: string }>("SELECT entity_id FROM outbox WHERE state = 'pending' AND entity = 'import_run'")) {
    const runId = m.entity_id;
    n += Number(
      db.get<{ n: number }>(
        `SELECT (SELECT count(*) FROM student WHERE created_run_id = ?1) + (SELECT count(*) FROM guardian WHERE created_run_id = ?1)
              + (SELECT count(DISTINCT entity_id) FROM audit WHERE run_id = ?1 AND entity IN ('student', 'guardian')) AS n`,
        [runId],
      )?.n ?? 0,
    );
  }
  return n;
}

export const countOpenConflicts = (db: Reader): number =>
  Number(db.get<{ n: number }>("SELECT count(*) AS n FROM sync_conflict WHERE state = 'open'")?.n ?? 0);

export const countRejected = (db: Reader): number =>
  Number(db.get<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE state = 'rejected' AND superseded_by IS NULL")?.n ?? 0);
