// Push: pending outbox entries, in the order they were written, in batches of at most 1,000 changes.
// - Idempotency key = outbox id, so a retry after a cut connection gets 'duplicate', never a second apply.
// - baseVersion = the service's version of the record as last acknowledged (sync_version); only one
//   change per record is in flight, so that base is stable across retries and restarts.
// - Several pending entries of one record: its latest state is sent once and the older entries are
//   marked superseded, unless the oldest was already sent (in doubt): then it is resent alone first.
// - Results of a batch are recorded in one transaction; a conflict holds the record's later changes
//   until staff choose a value.
import { MAX_PUSH_BYTES, type Change, type ChangeResult, type Entity, type ResolveRequest } from '../../../shared/service-api/school';
import type { CoreContext } from '../context';
import type { Tx } from '../db/types';
import { guardianPayload, linksOfGuardian, linksOfStudent, readGuardian, readStudent, studentPayload } from '../edits/rows';
import { inserter, ROW } from '../import/insert';
import { withRetry, type RetryOptions } from './backoff';
import type { ServiceClient } from './client';
import { linkData, linkId, linksOfPayload, parsePayload, serviceData, type Json } from './payloads';
import { setSyncedVersion, syncedVersion } from './state';
import type { SyncCounts } from '../../../shared/contract/sync';

export interface OutboxRow {
  id: string;
  entity: string;
  entity_id: string;
  op: string;
  payload: string;
  attempts: number;
}

type Unit =
  | { kind: 'change'; rows: OutboxRow[]; chosen: OutboxRow; change: Change; entity: Entity }
  | { kind: 'report'; rows: OutboxRow[]; chosen: OutboxRow; remoteId: string; body: ResolveRequest }
  | { kind: 'local'; rows: OutboxRow[]; chosen: OutboxRow; outcome: 'applied' | 'rejected'; reason: string | null };

const ENTITIES = new Set<string>(['student', 'guardian', 'guardianship']);
const RESOLUTION: Record<string, ResolveRequest['resolution']> = { unlink: 'unlinked', move: 'moved', correct: 'corrected', reject: 'rejected' };
/** Room for the request envelope under the service's byte limit. */
const BYTE_BUDGET = Math.floor(MAX_PUSH_BYTES * 0.9);

export interface PushOptions {
  batchSize: number;
  retry: RetryOptions;
}

/** Groups entries of one record; no-op markers and unknown kinds stand alone. */
function recordKey(row: OutboxRow): string {
  if (ENTITIES.has(row.entity) && row.op !== 'split') return `${row.entity}:${row.entity_id}`;
  if (row.entity === 'report' && row.op === 'resolve') return `report:${row.entity_id}`;
  return `row:${row.id}`;
}

export const readPending = (db: Pick<Tx, 'all'>, limit: number): OutboxRow[] =>
  db.all<OutboxRow>(
    "SELECT id, entity, entity_id, op, payload, attempts FROM outbox WHERE state = 'pending' ORDER BY rowid LIMIT ?",
    [limit],
  );

const heldRecords = (db: Pick<Tx, 'all'>): Set<string> =>
  new Set(db.all<{ k: string }>("SELECT entity || ':' || entity_id AS k FROM sync_conflict WHERE state = 'open'").map((r) => r.k));

function unitOf(db: Pick<Tx, 'get'>, rows: OutboxRow[]): Unit {
  const first = rows[0]!;
  const chosen = first.attempts > 0 ? first : rows[rows.length - 1]!;
  const group = first.attempts > 0 ? [first] : rows;
  const p = parsePayload(chosen.payload);
  if (ENTITIES.has(chosen.entity)) {
    const entity = chosen.entity as Entity;
    const baseVersion = syncedVersion(db, entity, chosen.entity_id) ?? 0;
    const del = chosen.op === 'delete' || (entity === 'guardian' && chosen.op === 'merge');
    if (del) return { kind: 'change', rows: group, chosen, entity, change: { key: chosen.id, entity, id: chosen.entity_id, op: 'delete', baseVersion } };
    if (chosen.op === 'upsert') {
      return { kind: 'change', rows: group, chosen, entity, change: { key: chosen.id, entity, id: chosen.entity_id, op: 'upsert', baseVersion, data: serviceData(entity, p) } };
    }
    if (chosen.op === 'split') return { kind: 'local', rows: group, chosen, outcome: 'applied', reason: null };
  }
  if (chosen.entity === 'report' && chosen.op === 'resolve') {
    const remoteId = typeof p.remoteId === 'string' ? p.remoteId : null;
    const resolution = RESOLUTION[String(p.resolution)];
    // Reports taken by phone or at the counter never came from the service: nothing to tell it.
    if (!remoteId) return { kind: 'local', rows: group, chosen, outcome: 'applied', reason: null };
    if (!resolution) return { kind: 'local', rows: group, chosen, outcome: 'rejected', reason: 'Résolution inconnue du service.' };
    const note = typeof p.reason === 'string' ? p.reason : typeof p.note === 'string' ? p.note : null;
    return { kind: 'report', rows: group, chosen, remoteId, body: { resolution, note } };
  }
  return { kind: 'local', rows: group, chosen, outcome: 'rejected', reason: `Modification non prise en charge par la synchronisation (${chosen.entity}/${chosen.op}).` };
}

/** The next batch: records in the order of their oldest pending entry, held ones skipped. */
export function planBatch(db: Pick<Tx, 'get' | 'all'>, pending: OutboxRow[], batchSize: number): Unit[] {
  const held = heldRecords(db);
  const groups = new Map<string, OutboxRow[]>();
  for (const row of pending) {
    const k = recordKey(row);
    const g = groups.get(k);
    if (g) g.push(row);
    else groups.set(k, [row]);
  }
  const units: Unit[] = [];
  let changes = 0;
  let bytes = 0;
  for (const [k, rows] of groups) {
    if (held.has(k)) continue;
    const unit = unitOf(db, rows);
    if (unit.kind === 'change') {
      const size = JSON.stringify(unit.change).length + 1;
      if (changes + 1 > batchSize || bytes + size > BYTE_BUDGET) break;
      changes++;
      bytes += size;
    } else if (units.length >= batchSize) break;
    units.push(unit);
  }
  return units;
}

// ---- recording results --------------------------------------------------------------------------

/**
 * The writes of one batch's answers, gathered into multi-row statements (sql.js pays per statement
 * and per journal line): outbox states, new service versions, queued link changes. What was written
 * earlier in the same transaction stays visible to the reads below through the in-memory sets.
 */
interface Recorder {
  tx: Tx;
  ctx: CoreContext;
  now: string;
  version(entity: string, id: string): number | null;
  setVersion(entity: string, id: string, version: number): void;
  hasQueuedLink(studentId: string, guardianId: string): boolean;
  queueLink(studentId: string, guardianId: string, op: 'upsert' | 'delete', data: Json): void;
  queue(entity: string, entityId: string, op: string, payload: Json): void;
  done(id: string, state: 'applied' | 'duplicate'): void;
  flush(): void;
}

export function recorder(tx: Tx, ctx: CoreContext, now: string): Recorder {
  const outbox = inserter(tx, 'outbox', [['id', ROW], ['created_at', now], ['entity', ROW], ['entity_id', ROW], ['op', ROW], ['payload', ROW], ['base_version', null]]);
  const versions = inserter(tx, 'sync_version', [['entity', ROW], ['entity_id', ROW], ['version', ROW], ['synced_at', now]]);
  const links = inserter(tx, 'sync_link', [['student_id', ROW], ['guardian_id', ROW], ['data', ROW]]);
  const newVersions = new Map<string, number>();
  const newLinks = new Set<string>();
  const done = { applied: [] as string[], duplicate: [] as string[] };
  const queue = (entity: string, entityId: string, op: string, payload: Json) => outbox.add([ctx.ids(), entity, entityId, op, JSON.stringify(payload)]);
  return {
    tx,
    ctx,
    now,
    version: (entity, id) => newVersions.get(`${entity}:${id}`) ?? syncedVersion(tx, entity, id),
    setVersion(entity, id, version) {
      const k = `${entity}:${id}`;
      if (newVersions.has(k) || syncedVersion(tx, entity, id) !== null) {
        versions.flush();
        setSyncedVersion(tx, entity, id, version, now);
      } else versions.add([entity, id, version]);
      newVersions.set(k, version);
    },
    hasQueuedLink: (sid, gid) => newLinks.has(`${sid}:${gid}`) || tx.get('SELECT 1 FROM sync_link WHERE student_id = ? AND guardian_id = ?', [sid, gid]) !== undefined,
    queueLink(sid, gid, op, data) {
      queue('guardianship', linkId(sid, gid), op, data);
      const k = `${sid}:${gid}`;
      const known = newLinks.has(k) || tx.get('SELECT 1 FROM sync_link WHERE student_id = ? AND guardian_id = ?', [sid, gid]) !== undefined;
      if (op === 'delete' || known) {
        links.flush();
        if (op === 'delete') tx.run('DELETE FROM sync_link WHERE student_id = ? AND guardian_id = ?', [sid, gid]);
        else tx.run('UPDATE sync_link SET data = ? WHERE student_id = ? AND guardian_id = ?', [JSON.stringify(data), sid, gid]);
        if (op === 'delete') newLinks.delete(k);
        return;
      }
      links.add([sid, gid, JSON.stringify(data)]);
      newLinks.add(k);
    },
    queue,
    done(id, state) {
      done[state].push(id);
    },
    flush() {
      outbox.flush();
      versions.flush();
      links.flush();
      for (const state of ['applied', 'duplicate'] as const) {
        const ids = done[state];
        for (let i = 0; i < ids.length; i += 500) {
          const slice = ids.slice(i, i + 500);
          tx.run(`UPDATE outbox SET state = ?, last_error = NULL, updated_at = ? WHERE id IN (${slice.map(() => '?').join(', ')})`, [state, now, ...slice]);
        }
      }
    },
  };
}

function mark(rec: Recorder, unit: Unit, state: 'applied' | 'duplicate' | 'conflict' | 'rejected', reason: string | null): void {
  if ((state === 'applied' || state === 'duplicate') && reason === null) rec.done(unit.chosen.id, state);
  else rec.tx.run('UPDATE outbox SET state = ?, last_error = ?, updated_at = ? WHERE id = ?', [state, reason, rec.now, unit.chosen.id]);
  for (const r of unit.rows) {
    if (r.id === unit.chosen.id) continue;
    rec.tx.run('UPDATE outbox SET state = ?, superseded_by = ?, updated_at = ? WHERE id = ?', [state === 'duplicate' ? 'applied' : state, unit.chosen.id, rec.now, r.id]);
  }
}

/** Queues the link changes a student payload implies against the links already queued. */
function queueLinksOfStudent(rec: Recorder, studentId: string, links: Map<string, Json>): void {
  const queued = new Map(
    rec.tx.all<{ guardian_id: string; data: string }>('SELECT guardian_id, data FROM sync_link WHERE student_id = ?', [studentId]).map((r) => [r.guardian_id, r.data]),
  );
  for (const [gid, data] of links) {
    if (queued.get(gid) === JSON.stringify(data)) continue;
    rec.queueLink(studentId, gid, 'upsert', data);
  }
  for (const gid of queued.keys()) {
    if (!links.has(gid)) rec.queueLink(studentId, gid, 'delete', { studentId, guardianId: gid });
  }
}

/** A guardian the service just learned of: links to it that were refused before can go now. */
function queueLinksOfNewGuardian(rec: Recorder, guardianId: string): void {
  for (const l of linksOfGuardian(rec.tx, guardianId)) {
    if (rec.version('student', l.student_id) === null || rec.hasQueuedLink(l.student_id, guardianId)) continue;
    rec.queueLink(l.student_id, guardianId, 'upsert', linkData(l.student_id, guardianId, l.relation, Number(l.legal_rank)));
  }
}

function recordChange(rec: Recorder, unit: Extract<Unit, { kind: 'change' }>, result: ChangeResult, counts: SyncCounts, refused: Set<string>): void {
  const { tx } = rec;
  const outcome = result.status === 'duplicate' ? result.original : result;
  const { entity, change } = unit;
  if (result.status === 'duplicate') counts.duplicates++;
  switch (outcome.status) {
    case 'applied': {
      if (result.status !== 'duplicate') counts.applied++;
      const before = rec.version(entity, change.id);
      rec.setVersion(entity, change.id, outcome.version);
      mark(rec, unit, result.status === 'duplicate' ? 'duplicate' : 'applied', null);
      // Older refusals of this record no longer stand.
      if (refused.has(`${unit.chosen.entity}:${change.id}`)) {
        tx.run("UPDATE outbox SET superseded_by = ? WHERE entity = ? AND entity_id = ? AND state = 'rejected' AND superseded_by IS NULL AND id <> ?", [
          unit.chosen.id, unit.chosen.entity, change.id, unit.chosen.id,
        ]);
      }
      if (entity === 'student' && change.op === 'upsert') {
        const links = linksOfPayload(change.id, parsePayload(unit.chosen.payload));
        if (links) queueLinksOfStudent(rec, change.id, links);
      }
      if (entity === 'guardian' && change.op === 'upsert' && before === null) queueLinksOfNewGuardian(rec, change.id);
      break;
    }
    case 'conflict': {
      if (result.status !== 'duplicate') counts.conflicts++;
      const exists = tx.get("SELECT 1 FROM sync_conflict WHERE outbox_id = ? AND state = 'open'", [unit.chosen.id]);
      if (!exists) {
        tx.run(
          `INSERT INTO sync_conflict (id, outbox_id, entity, entity_id, local_data, server_data, server_version, server_deleted, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [rec.ctx.ids(), unit.chosen.id, entity, change.id, JSON.stringify(change.data ?? null), JSON.stringify(outcome.current.data), outcome.current.version, outcome.current.deleted ? 1 : 0, rec.now],
        );
      }
      mark(rec, unit, 'conflict', 'Modifié entre-temps sur le service : à arbitrer.');
      break;
    }
    case 'rejected': {
      if (result.status !== 'duplicate') counts.rejected++;
      mark(rec, unit, 'rejected', outcome.reason.slice(0, 1000));
      // A refused link is not on the service: let the next change of the student queue it again.
      if (entity === 'guardianship') {
        const [sid, gid] = change.id.split(':');
        if (sid && gid) tx.run('DELETE FROM sync_link WHERE student_id = ? AND guardian_id = ?', [sid, gid]);
      }
      break;
    }
  }
}

// ---- import markers -----------------------------------------------------------------------------

/** An import queues one marker per run ({"runId"}, docs/decisions/009): expanded here, durably, into
 * per-record upserts of the records' current state (created by the run, or changed by it per its
 * audit rows), each an outbox entry of its own, so each has its own idempotency key. */
export async function expandImportMarkers(ctx: CoreContext): Promise<number> {
  const markers = ctx.db.all<OutboxRow>("SELECT id, entity, entity_id, op, payload, attempts FROM outbox WHERE state = 'pending' AND entity = 'import_run' ORDER BY rowid");
  if (!markers.length) return 0;
  const now = ctx.clock.now().toISOString();
  await ctx.db.write((tx) => {
    const rec = recorder(tx, ctx, now);
    for (const m of markers) {
      const p = parsePayload(m.payload);
      const runId = typeof p.runId === 'string' ? p.runId : m.entity_id;
      const touched = (entity: string) =>
        tx.all<{ entity_id: string }>('SELECT DISTINCT entity_id FROM audit WHERE run_id = ? AND entity = ?', [runId, entity]).map((r) => r.entity_id);
      const created = (table: 'student' | 'guardian') =>
        tx.all<{ id: string }>(`SELECT id FROM ${table} WHERE created_run_id = ? ORDER BY rowid`, [runId]).map((r) => r.id);
      const students = new Set([...created('student'), ...touched('student')]);
      for (const lid of touched('guardianship')) {
        const l = tx.get<{ student_id: string }>('SELECT student_id FROM guardianship WHERE id = ?', [lid]);
        if (l) students.add(l.student_id);
      }
      for (const sid of students) {
        const s = readStudent(tx, sid);
        if (s) rec.queue('student', sid, 'upsert', JSON.parse(studentPayload(s, linksOfStudent(tx, sid))) as Json);
      }
      for (const gid of new Set([...created('guardian'), ...touched('guardian')])) {
        const g = readGuardian(tx, gid);
        if (g) rec.queue('guardian', gid, 'upsert', JSON.parse(guardianPayload(g)) as Json);
      }
      rec.done(m.id, 'applied');
    }
    rec.flush();
  });
  return markers.length;
}

// ---- one pass ------------------------------------------------------------------------------------

/** Sends one batch and records its answers. Returns false when nothing was left to send. */
export async function pushBatch(ctx: CoreContext, client: ServiceClient, counts: SyncCounts, options: PushOptions): Promise<boolean> {
  const pending = readPending(ctx.db, Math.max(options.batchSize * 20, 5_000));
  const units = planBatch(ctx.db, pending, options.batchSize);
  if (!units.length) return false;
  const now = () => ctx.clock.now().toISOString();

  // Marked as sent before sending: after a crash, an entry in doubt is resent alone with its own
  // key (the service answers 'duplicate' if it had committed it).
  const sent = units.filter((u) => u.kind !== 'local').map((u) => u.chosen.id);
  if (sent.length) {
    await ctx.db.write((tx) => {
      const at = now();
      for (let i = 0; i < sent.length; i += 500) {
        const slice = sent.slice(i, i + 500);
        tx.run(`UPDATE outbox SET attempts = attempts + 1, updated_at = ? WHERE id IN (${slice.map(() => '?').join(', ')})`, [at, ...slice]);
      }
    });
  }

  const changeUnits = units.filter((u): u is Extract<Unit, { kind: 'change' }> => u.kind === 'change');
  const results = new Map<string, ChangeResult>();
  if (changeUnits.length) {
    for (const r of await withRetry(() => client.push(changeUnits.map((u) => u.change)), options.retry)) results.set(r.key, r);
  }
  const reportOutcomes = new Map<string, { ok: true } | { ok: false; reason: string }>();
  for (const u of units) {
    if (u.kind === 'report') reportOutcomes.set(u.chosen.id, await withRetry(() => client.resolveReport(u.remoteId, u.body), options.retry));
  }

  await ctx.db.write((tx) => {
    const rec = recorder(tx, ctx, now());
    const refused = new Set(
      tx.all<{ k: string }>("SELECT entity || ':' || entity_id AS k FROM outbox WHERE state = 'rejected' AND superseded_by IS NULL").map((r) => r.k),
    );
    for (const u of units) {
      if (u.kind === 'local') {
        mark(rec, u, u.outcome, u.reason);
        continue;
      }
      if (u.kind === 'report') {
        const o = reportOutcomes.get(u.chosen.id)!;
        counts.pushed++;
        if (o.ok) counts.applied++;
        else counts.rejected++;
        mark(rec, u, o.ok ? 'applied' : 'rejected', o.ok ? null : o.reason);
        continue;
      }
      const r = results.get(u.change.key);
      // An answer without this key: left pending, it is sent again next time.
      if (!r) continue;
      counts.pushed++;
      recordChange(rec, u, r, counts, refused);
    }
    rec.flush();
  });
  return true;
}
