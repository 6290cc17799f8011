// history.list / history.revert: every change of a record (its own fields and its links), who made
// it, when, from where; and putting a field back, which is itself a new change.

import type { Output, ParsedInput } from '../../../shared/contract';
import type { HistoryEntry } from '../../../shared/contract/corrections';
import type { CoreContext } from '../context';
import type { SqlValue, Tx } from '../db/types';
import { AppFailure } from '../errors';
import { correct, UNDO_RUN_PREFIX } from '../edits/changes';
import { writeGuardianColumns } from '../edits/guardian';
import { deleteLink, insertLink, setLinkFields } from '../edits/links';
import { GUARDIAN_EDIT_COLUMNS, readGuardian, readLink, readStudent, STUDENT_EDIT_COLUMNS } from '../edits/rows';
import { writeStudentColumns } from '../edits/student';
import { displayPair, guardianIdsOf, guardianNames, studentNames } from './display';
import { columnLabel } from '../records/labels';

interface AuditSql {
  id: string;
  at: string;
  actor: string;
  source: 'import' | 'edit' | 'sync' | 'report';
  entity: string;
  entity_id: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  run_id: string | null;
}


const fieldLabel = (entity: string, field: string): string => {
  if (field === '*') return entity === 'guardianship' ? 'Rattachement' : 'Fiche';
  return columnLabel(field);
};

/** Value columns and the raw column kept with each: reverted together. */
const COMPANIONS: Record<string, string> = {
  phone: 'phone_raw', phone_raw: 'phone', email: 'email_raw', email_raw: 'email',
  birth_date: 'birth_date_raw', birth_date_raw: 'birth_date', ine: 'ine_raw', ine_raw: 'ine',
};
const GUARDIAN_COLUMNS = new Set<string>(GUARDIAN_EDIT_COLUMNS);
const STUDENT_COLUMNS = new Set<string>([...STUDENT_EDIT_COLUMNS, 'ine', 'ine_raw']);

type Reader = Pick<Tx, 'all' | 'get'>;

interface LinkEnds {
  studentId: string;
  guardianId: string;
}

const parseEnds = (json: string | null): LinkEnds | null => {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as Partial<LinkEnds>;
    return v.studentId && v.guardianId ? { studentId: v.studentId, guardianId: v.guardianId } : null;
  } catch {
    return null;
  }
};

/** Links this record has or had, from the register and from link creations/deletions in the audit. */
function linksOf(db: Reader, entity: 'student' | 'guardian', id: string): Map<string, LinkEnds> {
  const out = new Map<string, LinkEnds>();
  const column = entity === 'student' ? 'student_id' : 'guardian_id';
  for (const l of db.all<{ id: string; student_id: string; guardian_id: string }>(
    `SELECT id, student_id, guardian_id FROM guardianship WHERE ${column} = ?`,
    [id],
  )) {
    out.set(l.id, { studentId: l.student_id, guardianId: l.guardian_id });
  }
  const pattern = `%"${entity === 'student' ? 'studentId' : 'guardianId'}":"${id.replace(/[%_"\\]/g, '')}"%`;
  for (const a of db.all<{ entity_id: string; old_value: string | null; new_value: string | null }>(
    `SELECT entity_id, old_value, new_value FROM audit WHERE entity = 'guardianship' AND field = '*' AND (old_value LIKE ? OR new_value LIKE ?)`,
    [pattern, pattern],
  )) {
    const ends = parseEnds(a.new_value) ?? parseEnds(a.old_value);
    if (ends && !out.has(a.entity_id)) out.set(a.entity_id, ends);
  }
  return out;
}

function revertible(db: Reader, a: AuditSql, existing: { links: Set<string>; records: Set<string> }): boolean {
  if (a.field === 'merge' || a.field === 'split') return false;
  if (a.entity === 'guardianship') {
    if (a.field === '*') return a.new_value !== null ? existing.links.has(a.entity_id) : a.old_value !== null;
    return (a.field === 'relation' || a.field === 'legal_rank') && existing.links.has(a.entity_id);
  }
  if (a.field === '*') return false;
  if (a.entity === 'guardian') return GUARDIAN_COLUMNS.has(a.field) && existing.records.has(a.entity_id);
  if (a.entity === 'student') return STUDENT_COLUMNS.has(a.field) && existing.records.has(a.entity_id);
  void db;
  return false;
}

function toEntries(db: Reader, rows: AuditSql[], perspective: 'student' | 'guardian' | null, ends: Map<string, LinkEnds>): HistoryEntry[] {
  const linkIds = [...new Set(rows.filter((r) => r.entity === 'guardianship').map((r) => r.entity_id))];
  const present = new Set<string>();
  if (linkIds.length) {
    for (const l of db.all<{ id: string; student_id: string; guardian_id: string }>(
      `SELECT id, student_id, guardian_id FROM guardianship WHERE id IN (${linkIds.map(() => '?').join(',')})`,
      linkIds,
    )) {
      present.add(l.id);
      if (!ends.has(l.id)) ends.set(l.id, { studentId: l.student_id, guardianId: l.guardian_id });
    }
  }
  for (const r of rows) {
    if (r.entity === 'guardianship' && !ends.has(r.entity_id)) {
      const e = parseEnds(r.new_value) ?? parseEnds(r.old_value);
      if (e) ends.set(r.entity_id, e);
    }
  }
  const recordIds = [...new Set(rows.filter((r) => r.entity !== 'guardianship').map((r) => r.entity_id))];
  const records = new Set<string>();
  for (const table of ['student', 'guardian'] as const) {
    const ids = recordIds.filter((id) => rows.some((r) => r.entity === table && r.entity_id === id));
    if (ids.length) for (const r of db.all<{ id: string }>(`SELECT id FROM ${table} WHERE id IN (${ids.map(() => '?').join(',')})`, ids)) records.add(r.id);
  }
  // Labels of the other end of each link, seen from the record whose history this is, and of the
  // guardians named by moved links, merges and splits: one lookup per table for the page.
  const otherStudents = new Set<string>();
  const otherGuardians = new Set<string>();
  const namedGuardians = new Set<string>();
  for (const r of rows) {
    for (const id of guardianIdsOf(r)) namedGuardians.add(id);
    const e = r.entity === 'guardianship' ? ends.get(r.entity_id) : undefined;
    if (!e) continue;
    if (perspective !== 'student') otherStudents.add(e.studentId);
    if (perspective !== 'guardian') otherGuardians.add(e.guardianId);
  }
  const sl = studentNames(db, otherStudents);
  const gl = guardianNames(db, [...otherGuardians, ...namedGuardians]);
  // Only the latest change of a field can be undone (an older one is refused as changed since):
  // an edit already undone, or overwritten by an import, offers no button that can only fail. A
  // creation or removal (`*`) must be the latest change of its record or link at all.
  const entityIds = [...new Set(rows.map((r) => r.entity_id))];
  const latest = new Set(
    entityIds.length
      ? db
          .all<{ id: string }>(
            `SELECT a.id FROM audit a WHERE a.entity_id IN (${entityIds.map(() => '?').join(',')})
               AND a.rowid = (SELECT max(b.rowid) FROM audit b WHERE b.entity_id = a.entity_id AND (b.field = a.field OR a.field = '*'))`,
            entityIds,
          )
          .map((x) => x.id)
      : [],
  );
  return rows.map((r) => {
    const e = r.entity === 'guardianship' ? ends.get(r.entity_id) : undefined;
    const about = e
      ? perspective === 'student'
        ? (gl.get(e.guardianId) ?? null)
        : perspective === 'guardian'
          ? (sl.get(e.studentId) ?? null)
          : [gl.get(e.guardianId), sl.get(e.studentId)].filter(Boolean).join(' — ') || null
      : null;
    const [oldDisplay, newDisplay] = displayPair(r, gl);
    return {
      id: r.id,
      at: r.at,
      actor: r.actor,
      source: r.source,
      entity: r.entity,
      entityId: r.entity_id,
      field: r.field,
      fieldLabel: fieldLabel(r.entity, r.field),
      old: r.old_value,
      new: r.new_value,
      oldDisplay,
      newDisplay,
      about,
      revertible: latest.has(r.id) && revertible(db, r, { links: present, records }),
      undo: r.run_id?.startsWith(UNDO_RUN_PREFIX) ?? false,
    };
  });
}

/**
 * A record created by an import has no audit row of its own (docs/decisions/009: one run row, not
 * one row per created record): its history still starts with that creation, read from the run.
 */
function createdByImport(db: CoreContext['db'], entity: 'student' | 'guardian', id: string): HistoryEntry | null {
  const r = db.get<{ id: string; at: string; actor: string; file_names: string }>(
    `SELECT run.id, run.at, run.actor, run.file_names FROM ${entity} x JOIN import_run run ON run.id = x.created_run_id WHERE x.id = ?`,
    [id],
  );
  if (!r) return null;
  let files: string[] = [];
  try {
    const parsed: unknown = JSON.parse(r.file_names);
    if (Array.isArray(parsed)) files = parsed.filter((f): f is string => typeof f === 'string');
  } catch {
    // An unreadable list of names only loses the file names of the sentence.
  }
  return {
    id: `import:${r.id}:${id}`,
    at: r.at,
    actor: r.actor,
    source: 'import',
    entity,
    entityId: id,
    field: '*',
    fieldLabel: 'Fiche',
    old: null,
    new: null,
    oldDisplay: null,
    newDisplay: files.length ? `fiche créée par l’import de ${files.map((f) => `«\u00a0${f}\u00a0»`).join(' et ')}` : 'fiche créée par un import',
    about: null,
    revertible: false,
    undo: false,
  };
}

export function listHistory(input: ParsedInput<'history.list'>, ctx: CoreContext): Output<'history.list'> {
  const ends = linksOf(ctx.db, input.entity, input.id);
  const ids = [input.id, ...ends.keys()];
  const where = `entity_id IN (${ids.map(() => '?').join(',')})`;
  const audited = Number(ctx.db.get<{ n: number }>(`SELECT count(*) AS n FROM audit WHERE ${where}`, ids)?.n ?? 0);
  const rows = ctx.db.all<AuditSql>(`SELECT * FROM audit WHERE ${where} ORDER BY at DESC, run_id DESC, rowid LIMIT ? OFFSET ?`, [
    ...ids,
    input.limit,
    input.offset,
  ]);
  const entries = toEntries(ctx.db, rows, input.entity, ends);
  // The creation is the oldest entry: last of the last page.
  const created = input.entity === 'student' || input.entity === 'guardian' ? createdByImport(ctx.db, input.entity, input.id) : null;
  if (created && input.offset <= audited && input.offset + input.limit > audited) entries.push(created);
  return { total: audited + (created ? 1 : 0), rows: entries };
}

const asText = (v: SqlValue | undefined): string | null => (v === null || v === undefined ? null : String(v));

function changedSince(): AppFailure {
  return new AppFailure(
    'conflict',
    'Cette valeur a été modifiée depuis ce changement : annulez d’abord les changements plus récents, ou corrigez la fiche directement.',
  );
}

export function revertChange(input: ParsedInput<'history.revert'>, ctx: CoreContext): Promise<Output<'history.revert'>> {
  return correct(ctx, 'edit', ['student', 'guardian'], (log, tx) => {
    const a = tx.get<AuditSql>('SELECT * FROM audit WHERE id = ?', [input.auditId]);
    if (!a) throw new AppFailure('not_found', 'Changement introuvable dans l’historique.');
    const notRevertible = (why: string) => new AppFailure('invalid_input', `Ce changement ne peut pas être annulé : ${why}`, {
      field: 'auditId',
      fields: [{ field: 'auditId', code: 'not_revertible', message: `Ce changement ne peut pas être annulé : ${why}` }],
    });
    const group = (): AuditSql[] => {
      const companion = COMPANIONS[a.field];
      const other = companion && a.run_id
        ? tx.get<AuditSql>('SELECT * FROM audit WHERE run_id = ? AND entity_id = ? AND field = ?', [a.run_id, a.entity_id, companion])
        : undefined;
      return other ? [a, other] : [a];
    };
    let touched: { guardians?: string[]; students?: string[] };

    if (a.field === 'merge' || a.field === 'split') throw notRevertible('une fusion se défait avec « Séparer les fiches ».');
    if (a.entity === 'guardian') {
      if (!GUARDIAN_COLUMNS.has(a.field)) throw notRevertible('la création d’une fiche ne s’annule pas ici.');
      const g = readGuardian(tx, a.entity_id);
      if (!g) throw new AppFailure('not_found', 'Cette fiche n’existe plus (fusionnée avec une autre ?).');
      const columns: Record<string, string | null> = {};
      for (const r of group()) {
        if (asText(g[r.field as keyof typeof g]) !== r.new_value) throw changedSince();
        columns[r.field] = r.old_value;
      }
      writeGuardianColumns(tx, log, g, columns);
      touched = { guardians: [g.id] };
    } else if (a.entity === 'student') {
      if (!STUDENT_COLUMNS.has(a.field)) throw notRevertible('la création d’une fiche ne s’annule pas ici.');
      const s = readStudent(tx, a.entity_id);
      if (!s) throw new AppFailure('not_found', 'Élève introuvable.');
      const columns: Record<string, string | null> = {};
      for (const r of group()) {
        if (asText(s[r.field as keyof typeof s]) !== r.new_value) throw changedSince();
        columns[r.field] = r.old_value;
      }
      if (columns.status !== undefined && columns.status !== 'enrolled' && columns.status !== 'left') throw notRevertible('valeur ancienne inconnue.');
      writeStudentColumns(tx, log, s, columns);
      touched = { students: [s.id] };
    } else if (a.entity === 'guardianship') {
      if (a.field === '*') {
        if (a.new_value !== null) {
          // A link was created: remove it, unless it changed since (moved by a merge or a report,
          // its rank or relation edited): removing it then would undo more than this change.
          const link = readLink(tx, a.entity_id);
          if (!link) throw changedSince();
          const later = tx.get('SELECT 1 AS x FROM audit WHERE entity_id = ? AND rowid > (SELECT rowid FROM audit WHERE id = ?)', [a.entity_id, a.id]);
          if (later) throw changedSince();
          deleteLink(tx, log, link);
          touched = { guardians: [link.guardian_id], students: [link.student_id] };
        } else {
          // A link was removed: put it back as it was.
          const v = JSON.parse(a.old_value ?? '{}') as { studentId?: string; guardianId?: string; relation?: string; legalRank?: number };
          if (!v.studentId || !v.guardianId) throw notRevertible('rattachement incomplet dans l’historique.');
          if (!readStudent(tx, v.studentId)) throw new AppFailure('not_found', 'L’élève de ce rattachement n’existe plus.');
          if (!readGuardian(tx, v.guardianId)) throw new AppFailure('not_found', 'Le responsable de ce rattachement n’existe plus (fiche fusionnée ?).');
          if (tx.get('SELECT id FROM guardianship WHERE student_id = ? AND guardian_id = ?', [v.studentId, v.guardianId]) || readLink(tx, a.entity_id)) {
            throw changedSince();
          }
          insertLink(tx, log, {
            id: a.entity_id,
            student_id: v.studentId,
            guardian_id: v.guardianId,
            relation: v.relation ?? null,
            legal_rank: Number(v.legalRank ?? 0),
            created_at: log.now,
          });
          touched = { guardians: [v.guardianId], students: [v.studentId] };
        }
      } else if (a.field === 'relation' || a.field === 'legal_rank') {
        const link = readLink(tx, a.entity_id);
        if (!link) throw new AppFailure('not_found', 'Ce rattachement n’existe plus.');
        if (asText(link[a.field]) !== a.new_value) throw changedSince();
        const relation = a.field === 'relation' ? a.old_value : link.relation;
        const rank = a.field === 'legal_rank' ? Number(a.old_value ?? 0) : Number(link.legal_rank);
        setLinkFields(tx, log, link, relation, rank);
        touched = { guardians: [link.guardian_id], students: [link.student_id] };
      } else {
        throw notRevertible('champ inconnu.');
      }
    } else {
      throw notRevertible('ce type de fiche n’a pas d’annulation.');
    }
    return { value: log.runId, touched };
  }, UNDO_RUN_PREFIX).then((runId) => {
    const rows = ctx.db.all<AuditSql>('SELECT * FROM audit WHERE run_id = ? ORDER BY rowid', [runId]);
    return { entries: toEntries(ctx.db, rows, null, new Map()) };
  });
}
