// Which students and guardians changed since the indexes last looked, whoever wrote and whether
// or not they wrote audit rows: TEMP triggers on student, guardian and guardianship log the ids
// they touch (both ends of a link) into a TEMP table.
//
// Why TEMP objects: they live in this connection only, so they are never in a snapshot nor in
// the journal (statements are journaled, trigger effects are not, and replay runs before any
// trigger exists); creating or dropping them is DDL, which leaves total_changes() and so every
// registerStamp untouched. Rows logged by a transaction that rolls back are rolled back with it.
// If the connection is replaced (reload from disk) the log is gone: `readChanges` says so and the
// caller rebuilds from scratch.

import type { Reader } from './search-index';

/** Seq at which the triggers stop logging: beyond that many changes, a rebuild is cheaper than
 * patches, and a bulk import should not pay for a log nobody will read. */
export const LOG_CAP = 8192;

const TABLE = 'records_changed';

const ddl = (): string[] => {
  const stillLogging = `WHEN (SELECT ifnull(max(seq), 0) FROM ${TABLE}) < ${LOG_CAP}`;
  // No constraint but the seq: the conflict policy of the statement that fires a trigger (INSERT
  // OR IGNORE…) overrides the trigger's own, so a constraint here could silently drop a change or
  // make the writer's statement fail. An id changed twice is logged twice; readers dedupe. UNION
  // (not VALUES) so an update logging the same id twice spends one seq.
  const log = (rows: string[]) => `INSERT INTO ${TABLE} (kind, id) ${rows.map((r) => `SELECT ${r}`).join(' UNION ')};`;
  const trigger = (name: string, event: string, table: string, rows: string[]) =>
    `CREATE TEMP TRIGGER ${name} AFTER ${event} ON main.${table} FOR EACH ROW ${stillLogging} BEGIN ${log(rows)} END`;
  return [
    `CREATE TEMP TABLE ${TABLE} (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT, id TEXT)`,
    trigger('records_student_insert', 'INSERT', 'student', [`'s', NEW.id`]),
    trigger('records_student_update', 'UPDATE', 'student', [`'s', OLD.id`, `'s', NEW.id`]),
    trigger('records_student_delete', 'DELETE', 'student', [`'s', OLD.id`]),
    trigger('records_guardian_insert', 'INSERT', 'guardian', [`'g', NEW.id`]),
    trigger('records_guardian_update', 'UPDATE', 'guardian', [`'g', OLD.id`, `'g', NEW.id`]),
    trigger('records_guardian_delete', 'DELETE', 'guardian', [`'g', OLD.id`]),
    trigger('records_link_insert', 'INSERT', 'guardianship', [`'s', NEW.student_id`, `'g', NEW.guardian_id`]),
    trigger('records_link_update', 'UPDATE', 'guardianship', [
      `'s', OLD.student_id`,
      `'g', OLD.guardian_id`,
      `'s', NEW.student_id`,
      `'g', NEW.guardian_id`,
    ]),
    trigger('records_link_delete', 'DELETE', 'guardianship', [`'s', OLD.student_id`, `'g', OLD.guardian_id`]),
  ];
};
const TRIGGER_COUNT = ddl().length - 1;

function drop(db: Reader): void {
  // Dropping the table drops nothing else: the triggers go one by one.
  for (const name of ['student_insert', 'student_update', 'student_delete', 'guardian_insert', 'guardian_update', 'guardian_delete', 'link_insert', 'link_update', 'link_delete']) {
    db.get(`DROP TRIGGER IF EXISTS temp.records_${name}`);
  }
  db.get(`DROP TABLE IF EXISTS temp.${TABLE}`);
}

/** Where a reader is in the log. Several caches may share one register: each reset starts a new
 * generation, and a reader of an older one must rebuild rather than read the new log from `seq`. */
export interface LogPosition {
  generation: number;
  seq: number;
}

const generations = new WeakMap<Reader, number>();
let lastGeneration = 0;

/** Starts an empty log (dropping any previous one). Returns null if the register refused (the
 * caller then rebuilds after every change). */
export function resetChangeLog(db: Reader): LogPosition | null {
  generations.delete(db);
  try {
    drop(db);
    for (const sql of ddl()) db.get(sql);
  } catch {
    try {
      drop(db);
    } catch {
      // nothing more to do: without a log every change means a rebuild
    }
    return null;
  }
  const generation = ++lastGeneration;
  generations.set(db, generation);
  return { generation, seq: 0 };
}

export interface Changes {
  students: string[];
  guardians: string[];
  /** Seq of the last change read. */
  seq: number;
}

/** Changes logged after `since`, or null when they cannot be known (log missing, incomplete or
 * past its cap): the caller must rebuild. */
export function readChanges(db: Reader, from: LogPosition): Changes | null {
  if (generations.get(db) !== from.generation) return null;
  const since = from.seq;
  try {
    const state = db.get<{ triggers: number; top: number | null }>(
      `SELECT (SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE 'records\\_%' ESCAPE '\\') AS triggers,
              (SELECT max(seq) FROM temp.${TABLE}) AS top`,
    );
    if (!state || state.triggers !== TRIGGER_COUNT) return null;
    const top = state.top ?? 0;
    if (top >= LOG_CAP || top < since) return null;
    const rows = db.all<{ kind: string; id: string }>(
      `SELECT DISTINCT kind, id FROM temp.${TABLE} WHERE seq > ? AND id IS NOT NULL`,
      [since],
    );
    const out: Changes = { students: [], guardians: [], seq: top };
    for (const r of rows) (r.kind === 's' ? out.students : out.guardians).push(String(r.id));
    return out;
  } catch {
    return null;
  }
}

/** The position after reading up to `seq`. Empties the log once it is half full (it has just been
 * read entirely), so that many small edits never reach the cap. Null: no log any more. */
export function advance(db: Reader, from: LogPosition, seq: number): LogPosition | null {
  if (seq < LOG_CAP / 2) return { generation: from.generation, seq };
  return resetChangeLog(db);
}
