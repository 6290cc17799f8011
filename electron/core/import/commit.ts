// One transaction writes the whole plan: records, links, the run and its problems, audit rows for
// updates only, and one outbox marker for the run (docs/decisions/006).
import type { ColumnMapping, ImportSummary, Problem } from '../../../shared/contract/import';
import type { CoreContext } from '../context';
import type { Tx } from '../db/types';
import { dropSecondaryIndexes, inserter, ROW, type DroppedIndexes } from './insert';
import { rememberMapping } from './mapping';
import type { FieldChange, ImportPlanDetail, SqlScalar } from './plan';
import { derivedGuardianKey, derivedStudentKey } from './plan';

export interface CommitFile {
  name: string;
  sha256: string;
  layout: string;
  headers: string[];
  columns: ColumnMapping[];
  /** A person chose this mapping: remember it for this header set. */
  remember: boolean;
}

export interface CommitChoices {
  markAbsentAsLeft: boolean;
  conflictChoices: Record<string, 'keep' | 'incoming'>;
}

/** The import commits by snapshot (nothing journalled per statement): rows go in one by one
 * through cached prepared statements, the faster path there (insert.ts). */
const PER_ROW = { perRow: true } as const;

/** Below this many new rows, updating the indexes row by row is cheaper than rebuilding them. */
const BULK_MIN_ROWS = 2000;

/** Bulk: many new rows compared with what the table holds (first import of a school, typically). */
const isBulk = (added: number, existing: number) => added >= BULK_MIN_ROWS && added >= existing;

/** JSON without null fields (audit values of a link created for an existing student). */
function compact(values: Record<string, unknown>): string {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== '') o[k] = v;
  return JSON.stringify(o);
}

/**
 * Bytes the register grows by when the plan is written (measured per row: record, primary-key and
 * secondary index entries), a little over so that the commit never outgrows the room.
 */
export function estimateGrowthBytes(detail: ImportPlanDetail): number {
  let students = 0;
  let guardians = 0;
  let links = 0;
  for (const p of detail.students) if (!p.existing) students++;
  for (const p of detail.guardians) if (!p.existing) guardians++;
  for (const l of detail.links) if (!l.existing) links++;
  return Math.ceil((students * 330 + guardians * 350 + links * 350 + detail.plan.problems.length * 300) * 1.15);
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function writePlan(
  tx: Tx,
  ctx: CoreContext,
  detail: ImportPlanDetail,
  files: CommitFile[],
  choices: CommitChoices,
  token: string,
): ImportSummary {
  const now = ctx.clock.now().toISOString();
  const actor = ctx.actor();
  const runId = ctx.ids();
  const plan = detail.plan;

  const applied = (c: FieldChange) => !c.conflictId || choices.conflictChoices[c.conflictId] === 'incoming';
  const studentUpdates = new Map<string, FieldChange[]>();
  for (const [id, changes] of detail.studentChanges) {
    const a = changes.filter(applied);
    if (a.length) studentUpdates.set(id, a);
  }
  const guardianUpdates = new Map<string, FieldChange[]>();
  for (const [id, changes] of detail.guardianChanges) {
    const a = changes.filter(applied);
    if (a.length) guardianUpdates.set(id, a);
  }
  const newLinks = detail.links.filter((l) => !l.existing);
  const leaving = choices.markAbsentAsLeft ? detail.absent : [];

  // Primary keys are inserted in order: their index pages fill up instead of splitting.
  const newStudents = detail.students.filter((p) => !p.existing).sort(byId);
  const newGuardians = detail.guardians.filter((p) => !p.existing).sort(byId);
  const linkTouched = new Set<string>();
  for (const l of newLinks) if (l.student.existing) linkTouched.add(l.student.id);
  for (const l of detail.linkChanges) linkTouched.add(l.student.id);

  // With SQLite's small default page cache a bulk write spills and re-reads pages over and over.
  // Measured at 100,000 students: 32 MB or 64 MB write as fast as a cache holding everything
  // (~300 MB, all fresh memory): records and sorted keys are appended, only a few indexes take
  // random inserts. The previous size is put back at the end.
  const previousCache = tx.get<{ cache_size: number }>('PRAGMA cache_size', [])?.cache_size ?? -2000;
  const estimatedKb = Math.ceil((newStudents.length * 0.5 + newGuardians.length * 0.6 + newLinks.length * 0.35 + plan.problems.length * 0.4) * 1.5);
  const cacheKb = Math.min(64 * 1024, Math.max(Math.abs(previousCache), estimatedKb));
  const raiseCache = previousCache < 0 ? cacheKb > -previousCache : cacheKb * 1024 > previousCache * 4096;
  if (raiseCache) tx.run(`PRAGMA cache_size = -${cacheKb}`);

  const total =
    newStudents.length + newGuardians.length + newLinks.length + studentUpdates.size + guardianUpdates.size +
    detail.linkChanges.length + leaving.length + plan.problems.length;
  const step = Math.max(1, Math.ceil(total / 20));
  let done = 0;
  let nextEmit = step;
  const progress = (n: number) => {
    done += n;
    if (done >= nextEmit) {
      nextEmit = done + step;
      ctx.emit({ type: 'import.progress', token, phase: 'write', done: Math.min(done, total), total });
    }
  };

  const rejected: Problem[] = [];
  const warnings: Problem[] = [];
  for (const p of plan.problems) (p.severity === 'error' ? rejected : warnings).push(p);

  // The run first: records point to it (created_run_id).
  const summaryCounts = {
    rows: plan.rows,
    students: { created: newStudents.length, updated: 0, unchanged: 0, left: leaving.length },
    guardians: { created: newGuardians.length, updated: guardianUpdates.size, unchanged: 0 },
  };
  let updated = 0;
  let existingSeen = 0;
  for (const p of detail.students) {
    if (!p.existing) continue;
    existingSeen++;
    if (studentUpdates.has(p.id) || linkTouched.has(p.id)) updated++;
  }
  summaryCounts.students.updated = updated;
  summaryCounts.students.unchanged = existingSeen - updated;
  summaryCounts.guardians.unchanged = detail.guardians.length - newGuardians.length - guardianUpdates.size;

  tx.run('INSERT INTO import_run (id, at, actor, file_names, file_hash, layout, mapping, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    runId,
    now,
    actor,
    JSON.stringify(files.map((f) => f.name)),
    files.map((f) => f.sha256).join(','),
    files.map((f) => f.layout).join('+'),
    JSON.stringify(Object.fromEntries(files.map((f) => [f.name, Object.fromEntries(f.columns.map((c) => [String(c.column), c.field]))]))),
    JSON.stringify({ ...summaryCounts, rejectedRows: plan.rejectedRows, rejected: rejected.length, warnings: warnings.length, lookAlikes: plan.lookAlikes.length, conflicts: plan.conflicts.length }),
  ]);

  // A first import into an (almost) empty register: indexes are built once at the end.
  const size = detail.registerSize;
  const bulkTables: string[] = [];
  if (isBulk(newStudents.length, size.students)) bulkTables.push('student');
  if (isBulk(newGuardians.length, size.guardians)) bulkTables.push('guardian');
  if (isBulk(newLinks.length, size.links)) bulkTables.push('guardianship');
  const dropped: DroppedIndexes | null = bulkTables.length ? dropSecondaryIndexes(tx, bulkTables) : null;

  const audit = inserter(tx, 'audit', [['id', ROW], ['at', now], ['actor', actor], ['source', 'import'], ['entity', ROW], ['entity_id', ROW], ['field', ROW], ['old_value', ROW], ['new_value', ROW], ['run_id', runId]], undefined, PER_ROW);
  const auditRow = (entity: string, id: string, field: string, old: SqlScalar, next: SqlScalar) =>
    audit.add([ctx.ids(), entity, id, field, old === null ? null : String(old), next === null ? null : String(next)]);

  // Creations: no audit row, no outbox row each; created_run_id says where they came from.
  const insStudent = inserter(
    tx,
    'student',
    [['id', ROW], ['ine', ROW], ['ine_raw', ROW], ['last_name', ROW], ['first_name', ROW], ['birth_date', ROW], ['birth_date_raw', ROW],
      ['division', ROW], ['match_key', ROW], ['created_at', now], ['updated_at', now], ['created_run_id', runId]],
    progress,
    PER_ROW,
  );
  for (const p of newStudents) {
    const r = p.rec;
    insStudent.add([p.id, r.ine, r.ineRaw, r.lastName, r.firstName, r.birthDate, r.birthDateRaw, r.division, r.matchKey]);
  }
  insStudent.flush();

  const insGuardian = inserter(
    tx,
    'guardian',
    [['id', ROW], ['civility', ROW], ['last_name', ROW], ['first_name', ROW], ['phone', ROW], ['phone_raw', ROW], ['email', ROW], ['email_raw', ROW],
      ['address_line1', ROW], ['address_line2', ROW], ['postal_code', ROW], ['city', ROW], ['country', ROW], ['name_key', ROW],
      ['created_at', now], ['updated_at', now], ['created_run_id', runId]],
    progress,
    PER_ROW,
  );
  for (const p of newGuardians) {
    const d = p.data;
    insGuardian.add([p.id, d.civility, d.lastName, d.firstName, d.phone, d.phoneRaw, d.email, d.emailRaw, d.address1, d.address2, d.postalCode, d.city, d.country, p.nameKey]);
  }
  insGuardian.flush();

  // Updates of existing records: one SQL text per table, all columns set from the final values;
  // one audit row per changed field (the conflict rule reads them).
  for (const p of detail.students) {
    if (!p.existing) continue;
    const changes = studentUpdates.get(p.id);
    if (!changes && !linkTouched.has(p.id)) continue;
    const v: Record<string, SqlScalar> = { ...p.existing };
    for (const c of changes ?? []) v[c.column] = c.next;
    v.match_key = derivedStudentKey(v);
    v.version = Number(p.existing.version) + 1;
    tx.run(
      `UPDATE student SET ine = ?, ine_raw = ?, last_name = ?, first_name = ?, birth_date = ?, birth_date_raw = ?, division = ?,
         status = ?, match_key = ?, version = ?, updated_at = ? WHERE id = ?`,
      [v.ine ?? null, v.ine_raw ?? null, v.last_name ?? '', v.first_name ?? '', v.birth_date ?? null, v.birth_date_raw ?? null,
        v.division ?? null, v.status ?? 'enrolled', v.match_key, v.version, now, p.id],
    );
    for (const c of changes ?? []) auditRow('student', p.id, c.column, c.old, c.next);
    progress(1);
  }
  for (const p of detail.guardians) {
    const changes = guardianUpdates.get(p.id);
    if (!p.existing || !changes) continue;
    const v: Record<string, SqlScalar> = { ...p.existing };
    for (const c of changes) v[c.column] = c.next;
    v.name_key = derivedGuardianKey(v);
    v.version = Number(p.existing.version) + 1;
    tx.run(
      `UPDATE guardian SET civility = ?, last_name = ?, first_name = ?, phone = ?, phone_raw = ?, email = ?, email_raw = ?,
         address_line1 = ?, address_line2 = ?, postal_code = ?, city = ?, country = ?, name_key = ?, version = ?, updated_at = ? WHERE id = ?`,
      [v.civility ?? null, v.last_name ?? '', v.first_name ?? '', v.phone ?? null, v.phone_raw ?? null, v.email ?? null, v.email_raw ?? null,
        v.address_line1 ?? null, v.address_line2 ?? null, v.postal_code ?? null, v.city ?? null, v.country ?? null, v.name_key, v.version, now, p.id],
    );
    for (const c of changes) auditRow('guardian', p.id, c.column, c.old, c.next);
    progress(1);
  }

  // Links, in the order of their students (their unique index then fills in order too). A link
  // added to an existing student is a change of that student: it keeps its audit row.
  const insLink = inserter(tx, 'guardianship', [['id', ROW], ['student_id', ROW], ['guardian_id', ROW], ['relation', ROW], ['legal_rank', ROW], ['created_at', now]], progress, PER_ROW);
  const orderedLinks = newLinks.length > 1 ? [...newLinks].sort((a, b) => (a.student.id < b.student.id ? -1 : a.student.id > b.student.id ? 1 : a.legalRank - b.legalRank)) : newLinks;
  for (const l of orderedLinks) {
    insLink.add([l.id, l.student.id, l.guardian.id, l.relation, l.legalRank]);
    if (l.student.existing) {
      auditRow('guardianship', l.id, '*', null, compact({ studentId: l.student.id, guardianId: l.guardian.id, relation: l.relation, legalRank: l.legalRank }));
    }
  }
  insLink.flush();
  for (const l of detail.linkChanges) {
    const relation = l.relation ?? l.existing!.relation;
    tx.run('UPDATE guardianship SET relation = ?, legal_rank = ? WHERE id = ?', [relation, l.legalRank, l.id]);
    if (relation !== l.existing!.relation) auditRow('guardianship', l.id, 'relation', l.existing!.relation, relation);
    if (l.legalRank !== l.existing!.legal_rank) auditRow('guardianship', l.id, 'legal_rank', l.existing!.legal_rank, l.legalRank);
    progress(1);
  }

  // Students leaving, only when the person confirmed.
  for (const s of leaving) {
    tx.run("UPDATE student SET status = 'left', version = version + 1, updated_at = ? WHERE id = ? AND status = 'enrolled'", [now, s.id]);
    auditRow('student', s.id, 'status', 'enrolled', 'left');
    progress(1);
  }
  audit.flush();

  dropped?.rebuild();

  // One outbox marker for the whole run: the sync engine expands it at push time from the records'
  // current state (created_run_id, this run's audit rows). Nothing changed: nothing to push.
  const changedSomething =
    newStudents.length + newGuardians.length + newLinks.length + studentUpdates.size + guardianUpdates.size + detail.linkChanges.length + leaving.length > 0;
  if (changedSomething) {
    tx.run(
      "INSERT INTO outbox (id, created_at, entity, entity_id, op, payload, base_version) VALUES (?, ?, 'import_run', ?, 'import', ?, NULL)",
      [ctx.ids(), now, runId, JSON.stringify({ runId })],
    );
  }

  const insProblem = inserter(
    tx,
    'import_problem',
    [['id', ROW], ['run_id', runId], ['file', ROW], ['row', ROW], ['field', ROW], ['code', ROW], ['severity', ROW], ['message', ROW], ['raw', ROW]],
    progress,
    PER_ROW,
  );
  for (const p of plan.problems) insProblem.add([ctx.ids(), p.file, p.row, p.field, p.code, p.severity, p.message, p.raw]);
  insProblem.flush();

  for (const f of files) if (f.remember) rememberMapping(tx, f.headers, f.columns, now);
  if (raiseCache) tx.run(`PRAGMA cache_size = ${previousCache}`);

  return { runId, ...summaryCounts, rejected, warnings };
}
