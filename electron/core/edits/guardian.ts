// guardians.update: a staff correction of one guardian, optimistic on the record's version.

import type { Output, ParsedInput } from '../../../shared/contract';
import type { GuardianChanges, FieldWarning } from '../../../shared/contract/corrections';
import { guardianNameKey } from '../../../shared/import/keys';
import type { CoreContext } from '../context';
import type { Tx } from '../db/types';
import { AppFailure } from '../errors';
import { invalidFields, type ChangeLog, correct, type Source } from './changes';
import { guardianFormOf } from './forms';
import { GUARDIAN_EDIT_COLUMNS, guardianPayload, readGuardian, type GuardianEditColumn, type GuardianSqlRow } from './rows';
import { validateGuardianChanges } from './validate';

export function staleGuardian(tx: Tx, current: GuardianSqlRow): AppFailure {
  return new AppFailure(
    'conflict',
    'Cette fiche a été modifiée entre-temps (par une autre personne ou une synchronisation) : vérifiez ses valeurs actuelles puis recommencez.',
    { current: guardianFormOf(tx, current) },
  );
}

/**
 * Validates and writes guardian changes inside the caller's transaction. Returns the new version
 * (unchanged when nothing differs) and warnings. Throws `invalid_input` with every field at fault.
 */
export function applyGuardianChanges(
  tx: Tx,
  log: ChangeLog,
  current: GuardianSqlRow,
  changes: GuardianChanges,
  fieldPrefix = '',
): { version: number; changed: number; warnings: FieldWarning[] } {
  const v = validateGuardianChanges(changes, current);
  if (v.errors.length) throw invalidFields(v.errors.map((e) => ({ ...e, field: fieldPrefix + e.field })));
  const warnings = v.warnings.map((w) => ({ ...w, field: fieldPrefix + w.field }));
  const r = writeGuardianColumns(tx, log, current, v.columns);
  return { ...r, warnings };
}

/** Writes the columns that differ, with one audit row each and the guardian's upsert. */
export function writeGuardianColumns(
  tx: Tx,
  log: ChangeLog,
  current: GuardianSqlRow,
  columns: Partial<Record<GuardianEditColumn, string | null>>,
): { version: number; changed: number } {
  const diffs = (Object.keys(columns) as GuardianEditColumn[]).filter((c) => (current[c] ?? null) !== (columns[c] ?? null));
  if (diffs.length === 0) return { version: Number(current.version), changed: 0 };
  const next: GuardianSqlRow = { ...current, ...columns, version: Number(current.version) + 1, updated_at: log.now } as GuardianSqlRow;
  next.name_key = guardianNameKey(next.last_name, next.first_name);
  writeGuardianRow(tx, next);
  for (const c of diffs) log.audit('guardian', current.id, c, current[c], next[c]);
  log.outbox('guardian', current.id, 'upsert', guardianPayload(next), Number(current.version));
  return { version: next.version, changed: diffs.length };
}

export function writeGuardianRow(tx: Tx, g: GuardianSqlRow): void {
  const sets = GUARDIAN_EDIT_COLUMNS.map((c) => `${c} = ?`).join(', ');
  tx.run(`UPDATE guardian SET ${sets}, name_key = ?, version = ?, updated_at = ? WHERE id = ?`, [
    ...GUARDIAN_EDIT_COLUMNS.map((c) => g[c] ?? null),
    g.name_key,
    g.version,
    g.updated_at,
    g.id,
  ]);
}

export function updateGuardian(input: ParsedInput<'guardians.update'>, ctx: CoreContext, source: Source = 'edit'): Promise<Output<'guardians.update'>> {
  return correct(ctx, source, ['guardian'], (log, tx) => {
    const current = readGuardian(tx, input.id);
    if (!current) throw new AppFailure('not_found', 'Responsable légal introuvable : la fiche a peut-être été fusionnée avec une autre.');
    if (Number(current.version) !== input.baseVersion) throw staleGuardian(tx, current);
    const r = applyGuardianChanges(tx, log, current, input.changes);
    return { value: { version: r.version, changes: log.count(), warnings: r.warnings }, touched: { guardians: [input.id] } };
  });
}
