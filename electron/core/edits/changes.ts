// Audit and outbox rows of one correction, written in the caller's transaction, and what follows
// every correction (anomalies patched, `register.changed` emitted).

import type { AppEvent } from '../../../shared/contract';
import type { FieldError } from '../../../shared/contract/corrections';
import type { CoreContext } from '../context';
import type { SqlValue, Tx } from '../db/types';
import { AppFailure } from '../errors';
import { patchAnomalies, type Touched } from '../anomalies/state';
import { registerStamp } from '../records/cache';
import { linksOfStudent, readStudent, studentPayload } from './rows';

export type Source = 'edit' | 'report' | 'sync' | 'import';

export interface ChangeLog {
  readonly now: string;
  readonly actor: string;
  /** Groups the audit rows of one correction (a revert finds a phone's raw companion by it). */
  readonly runId: string;
  /** Register stamp before this correction, to patch the anomalies desk instead of rescanning. */
  readonly stampBefore: string;
  audit(entity: string, entityId: string, field: string, oldValue: SqlValue | undefined, newValue: SqlValue | undefined): string;
  outbox(entity: string, entityId: string, op: string, payload: string, baseVersion: number | null): void;
  /** Bumps the student's version and queues its upsert (its links are part of the payload). */
  touchStudent(studentId: string): number;
  /** Audit rows written so far. */
  count(): number;
}

const text = (v: SqlValue | undefined): string | null => (v === null || v === undefined ? null : String(v));

/** Run ids of undos start with this: the history tells an undo from an edit (the audit table's
 * sources are fixed by a CHECK constraint; a run id is free text, and groups a change's rows). */
export const UNDO_RUN_PREFIX = 'annulation:';

export function changeLog(tx: Tx, ctx: CoreContext, source: Source, runPrefix = ''): ChangeLog {
  const now = ctx.clock.now().toISOString();
  const actor = ctx.actor();
  const runId = `${runPrefix}${ctx.ids()}`;
  const stampBefore = registerStamp(tx);
  let n = 0;
  const touchedStudents = new Set<string>();
  const log: ChangeLog = {
    now,
    actor,
    runId,
    stampBefore,
    audit(entity, entityId, field, oldValue, newValue) {
      const id = ctx.ids();
      tx.run(
        `INSERT INTO audit (id, at, actor, source, entity, entity_id, field, old_value, new_value, run_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, now, actor, source, entity, entityId, field, text(oldValue), text(newValue), runId],
      );
      n++;
      return id;
    },
    outbox(entity, entityId, op, payload, baseVersion) {
      tx.run(
        'INSERT INTO outbox (id, created_at, entity, entity_id, op, payload, base_version) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [ctx.ids(), now, entity, entityId, op, payload, baseVersion],
      );
    },
    touchStudent(studentId) {
      // Once per correction: the payload is read after every link change of this transaction.
      const before = readStudent(tx, studentId);
      if (!before) throw new AppFailure('not_found', 'Élève introuvable.');
      if (touchedStudents.has(studentId)) return before.version;
      touchedStudents.add(studentId);
      tx.run('UPDATE student SET version = version + 1, updated_at = ? WHERE id = ?', [now, studentId]);
      return before.version + 1;
    },
    count: () => n,
  };
  // Student upserts are queued at the end, when all links of the transaction are in place.
  const flush = () => {
    for (const sid of touchedStudents) {
      const s = readStudent(tx, sid);
      if (s) log.outbox('student', sid, 'upsert', studentPayload(s, linksOfStudent(tx, sid)), s.version - 1);
    }
    touchedStudents.clear();
  };
  return Object.assign(log, { flush });
}

/** Runs one correction in one transaction: audit, outbox, then anomalies patched and event emitted. */
export async function correct<T>(
  ctx: CoreContext,
  source: Source,
  entities: Extract<AppEvent, { type: 'register.changed' }>['entities'],
  fn: (log: ChangeLog, tx: Tx) => { value: T; touched: Touched },
  runPrefix = '',
): Promise<T> {
  let stampBefore = '';
  let count = 0;
  const { value, touched } = await ctx.db.write((tx) => {
    const log = changeLog(tx, ctx, source, runPrefix) as ChangeLog & { flush(): void };
    stampBefore = log.stampBefore;
    const out = fn(log, tx);
    log.flush();
    count = log.count();
    return out;
  });
  if (count > 0 || touched.force) {
    patchAnomalies(ctx, touched, stampBefore);
    ctx.emit({ type: 'register.changed', entities });
  }
  return value;
}

/** The `invalid_input` failure of a form: every field at fault, each with its own French message. */
export function invalidFields(errors: FieldError[]): AppFailure {
  const first = errors[0];
  const message = errors.length === 1 && first ? first.message : `${errors.length} champs à corriger : ${errors.map((e) => e.message).join(' ; ')}`;
  return new AppFailure('invalid_input', message, { field: first?.field ?? '', fields: errors });
}

export const fieldError = (field: string, code: string, message: string): FieldError => ({ field, code, message });
