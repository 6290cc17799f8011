// One transaction writes the whole plan: records, links, audit, outbox, the run and its problems.
// Multi-row INSERTs with a handful of SQL texts: the statement cache prepares each once.
import type { ImportSummary, Problem } from '../../../shared/contract/import';
import type { CoreContext } from '../context';
import type { SqlValue, Tx } from '../db/types';
import { rememberMapping } from './mapping';
import type { FieldChange, ImportPlanDetail, SqlScalar } from './plan';
import { derivedGuardianKey, derivedStudentKey } from './plan';
import type { ColumnMapping } from '../../../shared/contract/import';

const BATCH = 64;

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

interface Inserter {
  add(...values: SqlValue[]): void;
  flush(): void;
}

/**
 * Multi-row INSERT. `columns` lists each column's source: a number is a per-row value (in `add`
 * order), a string a constant shared by every row (bound once per statement as ?1, ?2…): binding
 * is most of sql.js's cost per row.
 */
function inserter(tx: Tx, table: string, columns: Array<[string, SqlValue | typeof ROW]>, onRows: (n: number) => void): Inserter {
  const constants: SqlValue[] = [];
  const slots: Array<number | null> = [];
  for (const [, v] of columns) {
    if (v === ROW) slots.push(null);
    else {
      constants.push(v);
      slots.push(constants.length);
    }
  }
  const perRow = slots.filter((s) => s === null).length;
  const sqlFor = (n: number) => {
    const tuples: string[] = [];
    let p = constants.length;
    for (let r = 0; r < n; r++) tuples.push(`(${slots.map((s) => `?${s ?? ++p}`).join(',')})`);
    return `INSERT INTO ${table} (${columns.map(([c]) => c).join(', ')}) VALUES ${tuples.join(',')}`;
  };
  const full = sqlFor(BATCH);
  let buf: SqlValue[] = [...constants];
  let rows = 0;
  return {
    add(...values) {
      if (values.length !== perRow) throw new Error(`insert into ${table}: ${values.length} values for ${perRow} columns`);
      for (const v of values) buf.push(v);
      if (++rows === BATCH) {
        tx.run(full, buf);
        buf = [...constants];
        rows = 0;
        onRows(BATCH);
      }
    },
    flush() {
      if (rows === 0) return;
      tx.run(sqlFor(rows), buf);
      onRows(rows);
      buf = [...constants];
      rows = 0;
    },
  };
}

const ROW = Symbol('row');

/** JSON without null fields: audit rows of 100,000 creations stay small. */
function compact(values: Record<string, unknown>): string {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== '') o[k] = v;
  return JSON.stringify(o);
}

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

  const newStudents = detail.students.filter((p) => !p.existing);
  const newGuardians = detail.guardians.filter((p) => !p.existing);
  const linkTouched = new Set<string>();
  for (const l of newLinks) linkTouched.add(l.student.id);
  for (const l of detail.linkChanges) linkTouched.add(l.student.id);

  // sql.js keeps the database file in memory too: with SQLite's small default page cache, a bulk
  // write spills and re-reads index pages over and over (several times slower). Give this
  // transaction a cache sized to what it writes, then put the previous size back.
  const previousCache = tx.get<{ cache_size: number }>('PRAGMA cache_size', [])?.cache_size ?? -2000;
  const estimatedKb = Math.ceil(((newStudents.length + newGuardians.length) * 2.5 + newLinks.length + plan.problems.length) * 0.6);
  const cacheKb = Math.min(128 * 1024, Math.max(Math.abs(previousCache), estimatedKb));
  if (cacheKb > Math.abs(previousCache)) tx.run(`PRAGMA cache_size = -${cacheKb}`, []);

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

  const summaryCounts = {
    rows: plan.rows,
    students: { created: newStudents.length, updated: 0, unchanged: 0, left: leaving.length },
    guardians: { created: newGuardians.length, updated: guardianUpdates.size, unchanged: 0 },
  };

  const audit = inserter(tx, 'audit', [['id', ROW], ['at', now], ['actor', actor], ['source', 'import'], ['entity', ROW], ['entity_id', ROW], ['field', ROW], ['old_value', ROW], ['new_value', ROW], ['run_id', runId]], () => undefined);
  const outbox = inserter(tx, 'outbox', [['id', ROW], ['created_at', now], ['entity', ROW], ['entity_id', ROW], ['op', 'upsert'], ['payload', ROW], ['base_version', ROW]], () => undefined);
  const auditRow = (entity: string, id: string, field: string, old: SqlScalar, next: SqlScalar) =>
    audit.add(ctx.ids(), entity, id, field, old === null ? null : String(old), next === null ? null : String(next));

  // Links per student, for the outbox payload of every created or changed student.
  const linksByStudent = new Map<string, Array<{ guardianId: string; relation: string | null; legalRank: number }>>();
  const addLinkView = (sid: string, v: { guardianId: string; relation: string | null; legalRank: number }) => {
    const list = linksByStudent.get(sid);
    if (list) list.push(v);
    else linksByStudent.set(sid, [v]);
  };

  // Students.
  const insStudent = inserter(
    tx,
    'student',
    [['id', ROW], ['ine', ROW], ['ine_raw', ROW], ['last_name', ROW], ['first_name', ROW], ['birth_date', ROW], ['birth_date_raw', ROW],
      ['division', ROW], ['status', 'enrolled'], ['match_key', ROW], ['version', 1], ['created_at', now], ['updated_at', now]],
    progress,
  );
  for (const p of newStudents) {
    const r = p.rec;
    insStudent.add(p.id, r.ine, r.ineRaw, r.lastName, r.firstName, r.birthDate, r.birthDateRaw, r.division, r.matchKey);
  }
  insStudent.flush();

  // Guardians.
  const insGuardian = inserter(
    tx,
    'guardian',
    [['id', ROW], ['civility', ROW], ['last_name', ROW], ['first_name', ROW], ['phone', ROW], ['phone_raw', ROW], ['email', ROW], ['email_raw', ROW],
      ['address_line1', ROW], ['address_line2', ROW], ['postal_code', ROW], ['city', ROW], ['country', ROW], ['name_key', ROW],
      ['version', 1], ['created_at', now], ['updated_at', now]],
    progress,
  );
  for (const p of newGuardians) {
    const d = p.data;
    insGuardian.add(p.id, d.civility, d.lastName, d.firstName, d.phone, d.phoneRaw, d.email, d.emailRaw, d.address1, d.address2, d.postalCode, d.city, d.country, p.nameKey);
  }
  insGuardian.flush();

  // Updates of existing records: one SQL text per table, all columns set from the final values.
  const studentFinal = new Map<string, Record<string, SqlScalar>>();
  for (const p of detail.students) {
    if (!p.existing) continue;
    const changes = studentUpdates.get(p.id);
    if (!changes && !linkTouched.has(p.id)) continue;
    const v: Record<string, SqlScalar> = { ...p.existing };
    for (const c of changes ?? []) v[c.column] = c.next;
    v.match_key = derivedStudentKey(v);
    v.version = Number(p.existing.version) + 1;
    studentFinal.set(p.id, v);
    tx.run(
      `UPDATE student SET ine = ?, ine_raw = ?, last_name = ?, first_name = ?, birth_date = ?, birth_date_raw = ?, division = ?,
         status = ?, match_key = ?, version = ?, updated_at = ? WHERE id = ?`,
      [v.ine ?? null, v.ine_raw ?? null, v.last_name ?? '', v.first_name ?? '', v.birth_date ?? null, v.birth_date_raw ?? null,
        v.division ?? null, v.status ?? 'enrolled', v.match_key, v.version, now, p.id],
    );
    for (const c of changes ?? []) auditRow('student', p.id, c.column, c.old, c.next);
    progress(1);
  }
  const guardianFinal = new Map<string, Record<string, SqlScalar>>();
  for (const p of detail.guardians) {
    const changes = guardianUpdates.get(p.id);
    if (!p.existing || !changes) continue;
    const v: Record<string, SqlScalar> = { ...p.existing };
    for (const c of changes) v[c.column] = c.next;
    v.name_key = derivedGuardianKey(v);
    v.version = Number(p.existing.version) + 1;
    guardianFinal.set(p.id, v);
    tx.run(
      `UPDATE guardian SET civility = ?, last_name = ?, first_name = ?, phone = ?, phone_raw = ?, email = ?, email_raw = ?,
         address_line1 = ?, address_line2 = ?, postal_code = ?, city = ?, country = ?, name_key = ?, version = ?, updated_at = ? WHERE id = ?`,
      [v.civility ?? null, v.last_name ?? '', v.first_name ?? '', v.phone ?? null, v.phone_raw ?? null, v.email ?? null, v.email_raw ?? null,
        v.address_line1 ?? null, v.address_line2 ?? null, v.postal_code ?? null, v.city ?? null, v.country ?? null, v.name_key, v.version, now, p.id],
    );
    for (const c of changes) auditRow('guardian', p.id, c.column, c.old, c.next);
    progress(1);
  }

  // Links.
  const insLink = inserter(tx, 'guardianship', [['id', ROW], ['student_id', ROW], ['guardian_id', ROW], ['relation', ROW], ['legal_rank', ROW], ['created_at', now]], progress);
  for (const l of newLinks) {
    insLink.add(l.id, l.student.id, l.guardian.id, l.relation, l.legalRank);
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
    studentFinal.set(s.id, { ...s, status: 'left', version: Number(s.version) + 1 });
    progress(1);
  }

  // Outbox payloads carry each changed student's guardian links: read them after the writes.
  const needLinks = new Set<string>([...newStudents.map((p) => p.id), ...studentFinal.keys()]);
  for (const l of newLinks) if (needLinks.has(l.student.id)) addLinkView(l.student.id, { guardianId: l.guardian.id, relation: l.relation, legalRank: l.legalRank });
  const existingTouched = [...studentFinal.keys()];
  for (const sid of existingTouched) {
    const fresh = linksByStudent.get(sid) ?? [];
    const have = new Set(fresh.map((x) => x.guardianId));
    for (const l of tx.all<{ guardian_id: string; relation: string | null; legal_rank: number }>(
      'SELECT guardian_id, relation, legal_rank FROM guardianship WHERE student_id = ?',
      [sid],
    )) {
      if (!have.has(l.guardian_id)) fresh.push({ guardianId: l.guardian_id, relation: l.relation, legalRank: Number(l.legal_rank) });
    }
    linksByStudent.set(sid, fresh);
  }

  // Audit and outbox for creations.
  for (const p of newStudents) {
    const r = p.rec;
    const guardians = linksByStudent.get(p.id) ?? [];
    auditRow('student', p.id, '*', null, compact({ ine: r.ine, ineRaw: r.ineRaw, lastName: r.lastName, firstName: r.firstName, birthDate: r.birthDate, birthDateRaw: r.birthDateRaw, division: r.division }));
    outbox.add(ctx.ids(), 'student', p.id, studentPayload(p.id, { ine: r.ine, last_name: r.lastName, first_name: r.firstName, birth_date: r.birthDate, division: r.division, status: 'enrolled' }, guardians), 0);
  }
  for (const p of newGuardians) {
    const d = p.data;
    auditRow('guardian', p.id, '*', null, compact({ civility: d.civility, lastName: d.lastName, firstName: d.firstName, phone: d.phone, phoneRaw: d.phoneRaw, email: d.email, emailRaw: d.emailRaw, address1: d.address1, address2: d.address2, postalCode: d.postalCode, city: d.city, country: d.country }));
    outbox.add(ctx.ids(), 'guardian', p.id, guardianPayload(p.id, { civility: d.civility, last_name: d.lastName, first_name: d.firstName, phone: d.phone, email: d.email, address_line1: d.address1, address_line2: d.address2, postal_code: d.postalCode, city: d.city, country: d.country }), 0);
  }
  for (const [id, v] of studentFinal) {
    outbox.add(ctx.ids(), 'student', id, studentPayload(id, v, linksByStudent.get(id) ?? []), Number(v.version) - 1);
  }
  for (const [id, v] of guardianFinal) {
    outbox.add(ctx.ids(), 'guardian', id, guardianPayload(id, v), Number(v.version) - 1);
  }
  audit.flush();
  outbox.flush();

  // Counts as written (conflicts kept are not updates; leaving is counted apart).
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

  const rejected: Problem[] = [];
  const warnings: Problem[] = [];
  for (const p of plan.problems) (p.severity === 'error' ? rejected : warnings).push(p);

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
  const insProblem = inserter(
    tx,
    'import_problem',
    [['id', ROW], ['run_id', runId], ['file', ROW], ['row', ROW], ['field', ROW], ['code', ROW], ['severity', ROW], ['message', ROW], ['raw', ROW]],
    progress,
  );
  for (const p of plan.problems) insProblem.add(ctx.ids(), p.file, p.row, p.field, p.code, p.severity, p.message, p.raw);
  insProblem.flush();

  for (const f of files) if (f.remember) rememberMapping(tx, f.headers, f.columns, now);
  if (cacheKb > Math.abs(previousCache)) tx.run(`PRAGMA cache_size = ${previousCache}`, []);

  return { runId, ...summaryCounts, rejected, warnings };
}

/** Outbox payloads: the record's whole state for an upsert; absent keys mean null. */
function studentPayload(id: string, v: Record<string, SqlScalar>, guardians: Array<{ guardianId: string; relation: string | null; legalRank: number }>): string {
  return compact({
    id,
    ine: v.ine,
    lastName: v.last_name,
    firstName: v.first_name,
    birthDate: v.birth_date,
    division: v.division,
    status: v.status ?? 'enrolled',
    guardians: guardians.map((g) => (g.relation ? g : { guardianId: g.guardianId, legalRank: g.legalRank })),
  });
}

function guardianPayload(id: string, v: Record<string, SqlScalar>): string {
  return compact({
    id,
    civility: v.civility,
    lastName: v.last_name,
    firstName: v.first_name,
    phone: v.phone,
    email: v.email,
    addressLine1: v.address_line1,
    addressLine2: v.address_line2,
    postalCode: v.postal_code,
    city: v.city,
    country: v.country,
  });
}
