// The plan shown before anything is written: what each matched record would become, conflicts with
// staff corrections, students absent from a full export, and every problem.
import type { Conflict, Plan, PlannedUpdate, Problem } from '../../../shared/contract/import';
import { guardianNameKey, studentMatchKey } from '../../../shared/import/keys';
import { guardianLabel } from '../edits/rows';
import { rankLabel } from '../history/display';
import { columnLabel, valueText } from '../records/labels';
import type { GuardianPlan, LinkPlan, MatchResult, StudentPlan } from './match';
import type { RegisterState, RegStudent, StaffEdit } from './register-state';

export type SqlScalar = string | number | null;

export interface FieldChange {
  column: string;
  old: SqlScalar;
  next: SqlScalar;
  /** Set when staff corrected this field since the last import: applied only if chosen. */
  conflictId?: string;
}

export interface EntityChange<P> {
  plan: P;
  changes: FieldChange[];
}

export interface ImportPlanDetail {
  students: StudentPlan[];
  guardians: GuardianPlan[];
  links: LinkPlan[];
  /** Existing records with field changes (conflicting ones included, flagged). */
  studentChanges: Map<string, FieldChange[]>;
  guardianChanges: Map<string, FieldChange[]>;
  /** Existing links whose relation or legal rank changes. */
  linkChanges: LinkPlan[];
  absent: RegStudent[];
  plan: Plan;
  /** Rows the register held when the plan was made (bulk writes rebuild indexes instead). */
  registerSize: { students: number; guardians: number; links: number };
}

const studentLabel = (last: string, first: string, division: string | null) =>
  `${last} ${first}`.trim() + (division ? ` (${division})` : '');

/** Updates listed in the plan: enough to check a re-import, small enough to send to the window. */
export const PLAN_UPDATE_LIMIT = 500;

const text = (v: SqlScalar): string | null => (v === null ? null : String(v));

/** A record's changes as shown before importing. A raw column cleared because the value is now
 * valid says nothing the value's own change does not (shown only when it is the one change). */
function shownChanges(changes: FieldChange[]): PlannedUpdate['changes'] {
  const applied = changes.filter((c) => !c.conflictId);
  const telling = applied.filter((c) => !(c.column.endsWith('_raw') && c.next === null));
  return (telling.length ? telling : applied).map((c) => ({ field: c.column, fieldLabel: columnLabel(c.column), before: valueText(c.column, c.old), after: valueText(c.column, c.next) }));
}

/** « Mère, responsable légal 1 », as the history shows a link. */
const linkText = (relation: string | null, rank: number): string => {
  const r = rankLabel(rank);
  return relation ? `${relation}, ${r.charAt(0).toLowerCase()}${r.slice(1)}` : r;
};

const plannedGuardianLabel = (g: GuardianPlan): string =>
  g.existing ? guardianLabel(g.existing) : guardianLabel({ civility: g.data.civility, last_name: g.data.lastName, first_name: g.data.firstName });

/** A new or changed link of an existing student, as a change of that student. */
function linkChange(l: LinkPlan): PlannedUpdate['changes'][number] {
  const who = plannedGuardianLabel(l.guardian);
  if (!l.existing) return { field: 'guardianship', fieldLabel: 'Nouveau responsable', before: null, after: `${who} (${linkText(l.relation, l.legalRank)})` };
  return {
    field: 'guardianship',
    fieldLabel: `Lien avec ${who}`,
    before: linkText(l.existing.relation, l.existing.legal_rank),
    after: linkText(l.relation ?? l.existing.relation, l.legalRank),
  };
}

/** Value change rule: an empty or invalid incoming value never erases what the register holds. */
function diffValue(out: FieldChange[], column: string, current: SqlScalar, incoming: SqlScalar): void {
  if (incoming !== null && incoming !== current) out.push({ column, old: current, next: incoming });
}

/** Raw columns: cleared once the value is valid, filled when the value is still missing. */
function diffRaw(out: FieldChange[], column: string, currentValue: SqlScalar, currentRaw: SqlScalar, incomingValue: SqlScalar, incomingRaw: SqlScalar): void {
  if (incomingValue !== null) {
    if (currentRaw !== null) out.push({ column, old: currentRaw, next: null });
  } else if (incomingRaw !== null && currentValue === null && incomingRaw !== currentRaw) {
    out.push({ column, old: currentRaw, next: incomingRaw });
  }
}

/**
 * Drops the changes that would only bring back what staff corrected: the file still gives the value
 * it gave before the correction, so it says nothing new (no conflict to choose at every import).
 */
function withoutStaleValues(changes: FieldChange[], entityId: string, staffEdits: Map<string, StaffEdit>): FieldChange[] {
  return changes.filter((c) => {
    const edit = staffEdits.get(`${entityId}|${c.column}`);
    return !edit || text(c.next) !== edit.before;
  });
}

function flagConflicts(
  changes: FieldChange[],
  entity: 'student' | 'guardian',
  entityId: string,
  label: string,
  staffEdits: Map<string, StaffEdit>,
  conflicts: Conflict[],
): void {
  for (const c of changes) {
    const edit = staffEdits.get(`${entityId}|${c.column}`);
    if (!edit) continue;
    c.conflictId = `${entity}:${entityId}:${c.column}`;
    conflicts.push({
      id: c.conflictId,
      entity,
      entityId,
      label,
      field: c.column,
      fieldLabel: columnLabel(c.column),
      current: text(c.old),
      incoming: text(c.next),
      currentText: valueText(c.column, c.old),
      incomingText: valueText(c.column, c.next),
      changedBy: edit.actor,
      changedAt: edit.at,
    });
  }
}

export function studentChanges(p: StudentPlan): FieldChange[] {
  const e = p.existing;
  if (!e) return [];
  const r = p.rec;
  const out: FieldChange[] = [];
  diffValue(out, 'ine', e.ine, r.ine);
  diffRaw(out, 'ine_raw', e.ine, e.ine_raw, r.ine, r.ineRaw);
  diffValue(out, 'last_name', e.last_name, r.lastName);
  diffValue(out, 'first_name', e.first_name, r.firstName);
  diffValue(out, 'birth_date', e.birth_date, r.birthDate);
  diffRaw(out, 'birth_date_raw', e.birth_date, e.birth_date_raw, r.birthDate, r.birthDateRaw);
  diffValue(out, 'division', e.division, r.division);
  if (e.status === 'left' && r.file !== '') out.push({ column: 'status', old: 'left', next: 'enrolled' });
  return out;
}

export function guardianChanges(p: GuardianPlan): FieldChange[] {
  const e = p.existing;
  if (!e) return [];
  const d = p.data;
  const out: FieldChange[] = [];
  diffValue(out, 'civility', e.civility, d.civility);
  diffValue(out, 'last_name', e.last_name, d.lastName);
  diffValue(out, 'first_name', e.first_name, d.firstName === '' ? null : d.firstName);
  diffValue(out, 'phone', e.phone, d.phone);
  diffRaw(out, 'phone_raw', e.phone, e.phone_raw, d.phone, d.phoneRaw);
  diffValue(out, 'email', e.email, d.email);
  diffRaw(out, 'email_raw', e.email, e.email_raw, d.email, d.emailRaw);
  diffValue(out, 'address_line1', e.address_line1, d.address1);
  diffValue(out, 'address_line2', e.address_line2, d.address2);
  diffValue(out, 'postal_code', e.postal_code, d.postalCode);
  diffValue(out, 'city', e.city, d.city);
  diffValue(out, 'country', e.country, d.country);
  return out;
}

/** Columns derived from others, recomputed from the final values when names or dates change. */
export function derivedStudentKey(values: Record<string, SqlScalar>): string {
  return studentMatchKey(
    String(values.last_name ?? ''),
    String(values.first_name ?? ''),
    (values.birth_date as string | null) ?? null,
    (values.birth_date_raw as string | null) ?? null,
  );
}
export function derivedGuardianKey(values: Record<string, SqlScalar>): string {
  return guardianNameKey(String(values.last_name ?? ''), String(values.first_name ?? ''));
}

export function buildPlan(
  match: MatchResult,
  reg: RegisterState,
  problems: Problem[],
  rows: number,
  rejectedRows: number,
  hasStudentList: boolean,
): ImportPlanDetail {
  const conflicts: Conflict[] = [];
  const counts = {
    students: { created: 0, updated: 0, unchanged: 0, left: 0 },
    guardians: { created: 0, updated: 0, unchanged: 0 },
  };
  const linkChanges: LinkPlan[] = [];
  const touchedByLink = new Set<string>();
  // Existing students' new or changed links, shown as changes of the student.
  const linkUpdates = new Map<string, PlannedUpdate['changes']>();
  const noteLink = (l: LinkPlan) => {
    touchedByLink.add(l.student.id);
    if (!l.student.existing) return;
    const list = linkUpdates.get(l.student.id);
    if (list) list.push(linkChange(l));
    else linkUpdates.set(l.student.id, [linkChange(l)]);
  };
  for (const l of match.links) {
    if (!l.existing) {
      noteLink(l);
    } else if ((l.relation !== null && l.relation !== l.existing.relation) || l.legalRank !== l.existing.legal_rank) {
      linkChanges.push(l);
      noteLink(l);
    }
  }
  const updates: PlannedUpdate[] = [];
  let updatesTotal = 0;
  const listUpdate = (u: () => PlannedUpdate) => {
    if (updatesTotal++ < PLAN_UPDATE_LIMIT) updates.push(u());
  };

  const studentChangeMap = new Map<string, FieldChange[]>();
  for (const p of match.students) {
    if (!p.existing) {
      counts.students.created++;
      continue;
    }
    const changes = withoutStaleValues(studentChanges(p), p.id, reg.staffEdits);
    if (changes.length) {
      flagConflicts(changes, 'student', p.id, studentLabel(p.existing.last_name, p.existing.first_name, p.existing.division), reg.staffEdits, conflicts);
      studentChangeMap.set(p.id, changes);
    }
    if (changes.some((c) => !c.conflictId) || touchedByLink.has(p.id)) {
      counts.students.updated++;
      const e = p.existing;
      listUpdate(() => ({
        entity: 'student',
        entityId: p.id,
        label: studentLabel(e.last_name, e.first_name, e.division),
        changes: [...shownChanges(changes), ...(linkUpdates.get(p.id) ?? [])],
      }));
    } else counts.students.unchanged++;
  }
  const guardianChangeMap = new Map<string, FieldChange[]>();
  for (const p of match.guardians) {
    if (!p.existing) {
      counts.guardians.created++;
      continue;
    }
    const changes = withoutStaleValues(guardianChanges(p), p.id, reg.staffEdits);
    if (changes.length) {
      flagConflicts(changes, 'guardian', p.id, `${p.existing.last_name} ${p.existing.first_name}`.trim(), reg.staffEdits, conflicts);
      guardianChangeMap.set(p.id, changes);
    }
    if (changes.some((c) => !c.conflictId)) {
      counts.guardians.updated++;
      const e = p.existing;
      listUpdate(() => ({ entity: 'guardian', entityId: p.id, label: guardianLabel(e), changes: shownChanges(changes) }));
    } else counts.guardians.unchanged++;
  }

  // Absent students: only a full export (or a first import) says who has left.
  let absent: RegStudent[] = [];
  let fullExport = false;
  if (hasStudentList) {
    const enrolled = reg.students.filter((s) => s.status === 'enrolled');
    const seen = enrolled.filter((s) => match.seenStudentIds.has(s.id)).length;
    fullExport = enrolled.length === 0 || seen / enrolled.length >= 0.5;
    if (fullExport) absent = enrolled.filter((s) => !match.seenStudentIds.has(s.id));
  }
  counts.students.left = absent.length;

  const allProblems = problems.length && match.problems.length ? [...problems, ...match.problems] : problems.length ? problems : match.problems;
  const plan: Plan = {
    ...counts,
    rows,
    rejectedRows,
    absent: absent.map((s) => ({ id: s.id, label: studentLabel(s.last_name, s.first_name, s.division) })),
    conflicts,
    updates,
    updatesTotal,
    lookAlikes: match.lookAlikes,
    problems: allProblems,
    fullExport,
  };
  return {
    students: match.students,
    guardians: match.guardians,
    links: match.links,
    studentChanges: studentChangeMap,
    guardianChanges: guardianChangeMap,
    linkChanges,
    absent,
    plan,
    registerSize: { students: reg.students.length, guardians: reg.guardians.length, links: reg.links.length },
  };
}
