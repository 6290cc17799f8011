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
import { guardianPayload, linksOfGuardian, studentPayload, type GuardianSqlRow, type LinkSqlRow, type StudentSqlRow } from '../edits/rows';
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
  | { kind: 'change'; rows: OutboxRow[]; chosen: OutboxRow; change: Change; entity: Entity; payload: Json }
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

/** Pending entries in order, without their payloads (most are never looked at in this batch). */
export const readPending = (db: Pick<Tx, 'all'>, limit: number): OutboxRow[] =>
  db
    .all<Omit<OutboxRow, 'payload'>>("SELECT id, entity, entity_id, op, attempts FROM outbox WHERE state = 'pending' ORDER BY rowid LIMIT ?", [limit])
    .map((r) => ({ ...r, payload: '' }));

/** Fills in the payloads of these entries, in statements of 500. */
function loadPayloads(db: Pick<Tx, 'all'>, rows: OutboxRow[]): void {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ids = [...byId.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    for (const r of db.all<{ id: string; payload: string }>(`SELECT id, payload FROM outbox WHERE id IN (${slice.map(() => '?').join(', ')})`, slice))
      byId.get(r.id)!.payload = r.payload;
  }
}

const heldRecords = (db: Pick<Tx, 'all'>): Set<string> =>
  new Set(db.all<{ k: string }>("SELECT entity || ':' || entity_id AS k FROM sync_conflict WHERE state = 'open'").map((r) => r.k));

/**
 * The service's versions of many records in one statement per 500 (sql.js pays per statement):
 * `entity:id` → version, or null when the service has not acknowledged the record yet.
 */
export function loadVersions(db: Pick<Tx, 'all'>, records: Iterable<readonly [string, string]>): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const byEntity = new Map<string, string[]>();
  for (const [entity, id] of records) {
    const k = `${entity}:${id}`;
    if (out.has(k)) continue;
    out.set(k, null);
    const ids = byEntity.get(entity);
    if (ids) ids.push(id);
    else byEntity.set(entity, [id]);
  }
  for (const [entity, ids] of byEntity) {
    for (let i = 0; i < ids.length; i += 500) {
      const slice = ids.slice(i, i + 500);
      for (const r of db.all<{ entity_id: string; version: number }>(
        `SELECT entity_id, version FROM sync_version WHERE entity = ? AND entity_id IN (${slice.map(() => '?').join(', ')})`,
        [entity, ...slice],
      ))
        out.set(`${entity}:${r.entity_id}`, Number(r.version));
    }
  }
  return out;
}

/** The entry a record's group sends: the oldest when it was already sent (in doubt), else the latest. */
function chosenOf(rows: OutboxRow[]): OutboxRow {
  const first = rows[0]!;
  return first.attempts > 0 ? first : rows[rows.length - 1]!;
}

function unitOf(db: Pick<Tx, 'get'>, rows: OutboxRow[], versions: Map<string, number | null>): Unit {
  const first = rows[0]!;
  const chosen = chosenOf(rows);
  const group = first.attempts > 0 ? [first] : rows;
  const p = parsePayload(chosen.payload);
  if (ENTITIES.has(chosen.entity)) {
    const entity = chosen.entity as Entity;
    const k = `${entity}:${chosen.entity_id}`;
    const baseVersion = (versions.has(k) ? versions.get(k) : syncedVersion(db, entity, chosen.entity_id)) ?? 0;
    const del = chosen.op === 'delete' || (entity === 'guardian' && chosen.op === 'merge');
    if (del) return { kind: 'change', rows: group, chosen, entity, payload: p, change: { key: chosen.id, entity, id: chosen.entity_id, op: 'delete', baseVersion } };
    if (chosen.op === 'upsert') {
      const change: Change = { key: chosen.id, entity, id: chosen.entity_id, op: 'upsert', baseVersion, data: serviceData(entity, p) };
      return { kind: 'change', rows: group, chosen, entity, payload: p, change };
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
  // Versions of the records that can make this batch, in a few statements rather than one each.
  const candidates: [string, string][] = [];
  for (const rows of groups.values()) {
    if (candidates.length > batchSize * 2) break;
    const r = rows[0]!;
    if (ENTITIES.has(r.entity)) candidates.push([r.entity, r.entity_id]);
  }
  const versions = loadVersions(db, candidates);
  const units: Unit[] = [];
  let changes = 0;
  let bytes = 0;
  const open = [...groups].filter(([k]) => !held.has(k)).map(([, rows]) => rows);
  for (let g = 0; g < open.length; g++) {
    // Payloads are read a slice of records ahead, only for the entries that will be sent.
    if (g % 250 === 0) loadPayloads(db, open.slice(g, g + 250).map(chosenOf));
    const rows = open[g]!;
    const unit = unitOf(db, rows, versions);
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
  /** Same, with the payload already as JSON text (no parse and re-stringify). */
  queueText(entity: string, entityId: string, op: string, payload: string): void;
  /** Reads ahead, in a few statements, what recording these records' answers will ask. */
  preload(records: ReadonlyArray<readonly [string, string]>): void;
  /** Links queued for a student, as guardian id → data (JSON text). */
  queuedLinksOf(studentId: string): Map<string, string>;
  /** A link the service refused: forgotten, so that the student's next change queues it again. */
  forgetLink(studentId: string, guardianId: string): void;
  done(id: string, state: 'applied' | 'duplicate'): void;
  flush(): void;
}

export function recorder(tx: Tx, ctx: CoreContext, now: string): Recorder {
  const outbox = inserter(tx, 'outbox', [['id', ROW], ['created_at', now], ['entity', ROW], ['entity_id', ROW], ['op', ROW], ['payload', ROW], ['base_version', null]]);
  const versions = inserter(tx, 'sync_version', [['entity', ROW], ['entity_id', ROW], ['version', ROW], ['synced_at', now]]);
  const links = inserter(tx, 'sync_link', [['student_id', ROW], ['guardian_id', ROW], ['data', ROW]]);
  // What this transaction knows of sync_version and sync_link: read ahead (preload) or written
  // here; anything else is read on demand. Keeps per-record statements out of the batch's loop.
  const known = new Map<string, number | null>();
  const studentLinks = new Map<string, Map<string, string>>();
  const done = { applied: [] as string[], duplicate: [] as string[] };
  const queueText = (entity: string, entityId: string, op: string, payload: string) => outbox.add([ctx.ids(), entity, entityId, op, payload]);
  const queue = (entity: string, entityId: string, op: string, payload: Json) => queueText(entity, entityId, op, JSON.stringify(payload));
  const version = (entity: string, id: string): number | null => {
    const k = `${entity}:${id}`;
    if (known.has(k)) return known.get(k)!;
    const v = syncedVersion(tx, entity, id);
    known.set(k, v);
    return v;
  };
  const queuedLinksOf = (sid: string): Map<string, string> => {
    let m = studentLinks.get(sid);
    if (!m) {
      m = new Map(tx.all<{ guardian_id: string; data: string }>('SELECT guardian_id, data FROM sync_link WHERE student_id = ?', [sid]).map((r) => [r.guardian_id, r.data]));
      studentLinks.set(sid, m);
    }
    return m;
  };
  return {
    tx,
    ctx,
    now,
    version,
    setVersion(entity, id, v) {
      if (version(entity, id) !== null) {
        versions.flush();
        setSyncedVersion(tx, entity, id, v, now);
      } else versions.add([entity, id, v]);
      known.set(`${entity}:${id}`, v);
    },
    preload(records) {
      for (const [k, v] of loadVersions(tx, records)) if (!known.has(k)) known.set(k, v);
      const students = [...new Set(records.filter(([e]) => e === 'student').map(([, id]) => id))].filter((sid) => !studentLinks.has(sid));
      for (const sid of students) studentLinks.set(sid, new Map());
      for (let i = 0; i < students.length; i += 500) {
        const slice = students.slice(i, i + 500);
        for (const r of tx.all<{ student_id: string; guardian_id: string; data: string }>(
          `SELECT student_id, guardian_id, data FROM sync_link WHERE student_id IN (${slice.map(() => '?').join(', ')})`,
          slice,
        ))
          studentLinks.get(r.student_id)!.set(r.guardian_id, r.data);
      }
    },
    queuedLinksOf,
    forgetLink(sid, gid) {
      links.flush();
      tx.run('DELETE FROM sync_link WHERE student_id = ? AND guardian_id = ?', [sid, gid]);
      studentLinks.get(sid)?.delete(gid);
    },
    hasQueuedLink: (sid, gid) => queuedLinksOf(sid).has(gid),
    queueLink(sid, gid, op, data) {
      queue('guardianship', linkId(sid, gid), op, data);
      const queued = queuedLinksOf(sid);
      const text = JSON.stringify(data);
      if (op === 'delete' || queued.has(gid)) {
        links.flush();
        if (op === 'delete') tx.run('DELETE FROM sync_link WHERE student_id = ? AND guardian_id = ?', [sid, gid]);
        else tx.run('UPDATE sync_link SET data = ? WHERE student_id = ? AND guardian_id = ?', [text, sid, gid]);
        if (op === 'delete') queued.delete(gid);
        else queued.set(gid, text);
        return;
      }
      links.add([sid, gid, text]);
      queued.set(gid, text);
    },
    queue,
    queueText,
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
  // A copy: queueLink updates the recorder's own map as it goes.
  const queued = new Map(rec.queuedLinksOf(studentId));
  for (const [gid, data] of links) {
    if (queued.get(gid) === JSON.stringify(data)) continue;
    rec.queueLink(studentId, gid, 'upsert', data);
  }
  for (const gid of queued.keys()) {
    if (!links.has(gid)) rec.queueLink(studentId, gid, 'delete', { studentId, guardianId: gid });
  }
}

/** A guardian the service just learned of: links to it that were refused before can go now. */
function queueLinksOfNewGuardian(rec: Recorder, guardianId: string, preloaded?: Map<string, LinkSqlRow[]>): void {
  for (const l of preloaded?.get(guardianId) ?? linksOfGuardian(rec.tx, guardianId)) {
    if (rec.version('student', l.student_id) === null || rec.hasQueuedLink(l.student_id, guardianId)) continue;
    rec.queueLink(l.student_id, guardianId, 'upsert', linkData(l.student_id, guardianId, l.relation, Number(l.legal_rank)));
  }
}

function recordChange(
  rec: Recorder,
  unit: Extract<Unit, { kind: 'change' }>,
  result: ChangeResult,
  counts: SyncCounts,
  refused: Set<string>,
  guardianLinks?: Map<string, LinkSqlRow[]>,
): void {
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
        const links = linksOfPayload(change.id, unit.payload);
        if (links) queueLinksOfStudent(rec, change.id, links);
      }
      if (entity === 'guardian' && change.op === 'upsert' && before === null) queueLinksOfNewGuardian(rec, change.id, guardianLinks);
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
        if (sid && gid) rec.forgetLink(sid, gid);
      }
      break;
    }
  }
}

/** linksOfGuardian for many guardians, in statements of 500 (same rows, same order per guardian). */
function linksOfGuardians(tx: Tx, guardianIds: string[]): Map<string, LinkSqlRow[]> {
  const out = new Map<string, LinkSqlRow[]>(guardianIds.map((g) => [g, []]));
  for (let i = 0; i < guardianIds.length; i += 500) {
    const slice = guardianIds.slice(i, i + 500);
    for (const l of tx.all<LinkSqlRow>(`SELECT * FROM guardianship WHERE guardian_id IN (${slice.map(() => '?').join(', ')}) ORDER BY created_at, id`, slice))
      out.get(l.guardian_id)!.push(l);
  }
  return out;
}

/** `head (?, ?, …) tail` over ids in statements of 500 ids. */
function rowsWhereIn<T>(tx: Pick<Tx, 'all'>, head: string, ids: string[], tail = ''): T[] {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    out.push(...tx.all<T>(`${head} (${slice.map(() => '?').join(', ')}) ${tail}`, slice));
  }
  return out;
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
      // Whole rows in a few statements (created by the run, or changed by it per its audit rows);
      // the payloads are made by the same functions as an edit's, so they are the same text.
      const touched = (entity: string) =>
        tx.all<{ entity_id: string }>('SELECT DISTINCT entity_id FROM audit WHERE run_id = ? AND entity = ?', [runId, entity]).map((r) => r.entity_id);
      const students = new Map(tx.all<StudentSqlRow>('SELECT * FROM student WHERE created_run_id = ? ORDER BY rowid', [runId]).map((s) => [s.id, s]));
      const moreStudents = [
        ...touched('student'),
        ...tx
          .all<{ student_id: string }>(
            "SELECT DISTINCT l.student_id FROM audit a JOIN guardianship l ON l.id = a.entity_id WHERE a.run_id = ? AND a.entity = 'guardianship'",
            [runId],
          )
          .map((r) => r.student_id),
      ].filter((id) => !students.has(id));
      for (const s of rowsWhereIn<StudentSqlRow>(tx, 'SELECT * FROM student WHERE id IN', [...new Set(moreStudents)])) students.set(s.id, s);
      const links = new Map<string, LinkSqlRow[]>([...students.keys()].map((id) => [id, []]));
      for (const l of rowsWhereIn<LinkSqlRow>(tx, 'SELECT * FROM guardianship WHERE student_id IN', [...students.keys()], 'ORDER BY created_at, id'))
        links.get(l.student_id)!.push(l);
      for (const [sid, s] of students) rec.queueText('student', sid, 'upsert', studentPayload(s, links.get(sid)!));

      const guardians = new Map(tx.all<GuardianSqlRow>('SELECT * FROM guardian WHERE created_run_id = ? ORDER BY rowid', [runId]).map((g) => [g.id, g]));
      const moreGuardians = touched('guardian').filter((id) => !guardians.has(id));
      for (const g of rowsWhereIn<GuardianSqlRow>(tx, 'SELECT * FROM guardian WHERE id IN', [...new Set(moreGuardians)])) guardians.set(g.id, g);
      for (const [gid, g] of guardians) rec.queueText('guardian', gid, 'upsert', guardianPayload(g));
      rec.done(m.id, 'applied');
    }
    rec.flush();
  });
  return markers.length;
}

// ---- one pass ------------------------------------------------------------------------------------

/** Sends one batch and records its answers. Returns false when nothing was left to send. */
export async function pushBatch(ctx: CoreContext, client: ServiceClient, counts: SyncCounts, options: PushOptions): Promise<boolean> {
  // A few batches ahead: enough to fold a record's repeated entries into one change, without
  // reading the whole outbox for every batch (a record edited again much later just goes twice).
  const pending = readPending(ctx.db, Math.max(options.batchSize * 4, 2_000));
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
    // Read ahead what recording asks per record: versions, queued links, links of new guardians.
    const records: [string, string][] = changeUnits.map((u) => [u.entity, u.change.id]);
    const newGuardians = changeUnits.filter((u) => u.entity === 'guardian' && u.change.op === 'upsert').map((u) => u.change.id);
    const guardianLinks = linksOfGuardians(tx, newGuardians);
    for (const ls of guardianLinks.values()) for (const l of ls) records.push(['student', l.student_id]);
    rec.preload(records);
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
      recordChange(rec, u, r, counts, refused, guardianLinks);
    }
    rec.flush();
  });
  return true;
}
