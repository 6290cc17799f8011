// students.update: a staff correction of one student, optimistic on the record's version.

import type { Output, ParsedInput } from '../../../shared/contract';
import type { FieldWarning, StudentChanges } from '../../../shared/contract/corrections';
import { studentMatchKey } from '../../../shared/import/keys';
import type { CoreContext } from '../context';
import type { Tx } from '../db/types';
import { AppFailure } from '../errors';
import { correct, invalidFields, type ChangeLog } from './changes';
import { studentForm } from './forms';
import { linksOfStudent, readStudent, studentPayload, type StudentEditColumn, type StudentSqlRow } from './rows';
import { validateStudentChanges } from './validate';

export function applyStudentChanges(
  tx: Tx,
  log: ChangeLog,
  current: StudentSqlRow,
  changes: StudentChanges,
  today: Date,
  fieldPrefix = '',
): { version: number; changed: number; warnings: FieldWarning[] } {
  const v = validateStudentChanges(changes, today);
  if (v.errors.length) throw invalidFields(v.errors.map((e) => ({ ...e, field: fieldPrefix + e.field })));
  const warnings = v.warnings.map((w) => ({ ...w, field: fieldPrefix + w.field }));
  return { ...writeStudentColumns(tx, log, current, v.columns), warnings };
}

/** Writes the columns that differ, with one audit row each and the student's upsert. */
export function writeStudentColumns(
  tx: Tx,
  log: ChangeLog,
  current: StudentSqlRow,
  columns: Partial<Record<StudentEditColumn | 'ine' | 'ine_raw', string | null>>,
): { version: number; changed: number } {
  const diffs = (Object.keys(columns) as Array<StudentEditColumn | 'ine' | 'ine_raw'>).filter((c) => (current[c] ?? null) !== (columns[c] ?? null));
  if (diffs.length === 0) return { version: Number(current.version), changed: 0 };
  const next = { ...current, ...columns, version: Number(current.version) + 1, updated_at: log.now } as StudentSqlRow;
  next.match_key = studentMatchKey(next.last_name, next.first_name, next.birth_date);
  writeStudentRow(tx, next);
  for (const c of diffs) log.audit('student', current.id, c, current[c], next[c]);
  log.outbox('student', current.id, 'upsert', studentPayload(next, linksOfStudent(tx, current.id)), Number(current.version));
  return { version: next.version, changed: diffs.length };
}

export function writeStudentRow(tx: Tx, s: StudentSqlRow): void {
  tx.run(
    `UPDATE student SET ine = ?, ine_raw = ?, last_name = ?, first_name = ?, birth_date = ?, birth_date_raw = ?, division = ?, status = ?,
       match_key = ?, version = ?, updated_at = ? WHERE id = ?`,
    [s.ine, s.ine_raw, s.last_name, s.first_name, s.birth_date, s.birth_date_raw, s.division, s.status, s.match_key, s.version, s.updated_at, s.id],
  );
}

export function updateStudent(input: ParsedInput<'students.update'>, ctx: CoreContext): Promise<Output<'students.update'>> {
  const today = ctx.clock.now();
  return correct(ctx, 'edit', ['student'], (log, tx) => {
    const current = readStudent(tx, input.id);
    if (!current) throw new AppFailure('not_found', 'Élève introuvable.');
    if (Number(current.version) !== input.baseVersion) {
      throw new AppFailure(
        'conflict',
        'Cette fiche a été modifiée entre-temps (par une autre personne ou une synchronisation) : vérifiez ses valeurs actuelles puis recommencez.',
        { current: studentForm(tx, input.id) },
      );
    }
    const r = applyStudentChanges(tx, log, current, input.changes, today);
    return { value: { version: r.version, changes: log.count(), warnings: r.warnings }, touched: { students: [input.id] } };
  });
}
