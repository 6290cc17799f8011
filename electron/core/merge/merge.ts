// guardians.merge / guardians.split / guardians.mergePreview / guardians.merges: two records of one
// person become one (every link, letter, report and account moved), and a wrong merge is split
// back from what the merge recorded. Each is one transaction, audited and queued for sync.

import type { Output, ParsedInput } from '../../../shared/contract';
import type { MergeField, MergeRecord } from '../../../shared/contract/corrections';
import type { CoreContext } from '../context';
import type { SqlValue, Tx } from '../db/types';
import { AppFailure } from '../errors';
import { correct, type ChangeLog } from '../edits/changes';
import { guardianFormOf } from '../edits/forms';
import { staleGuardian, writeGuardianColumns } from '../edits/guardian';
import { setLinkFields } from '../edits/links';
import {
  compact,
  GUARDIAN_EDIT_COLUMNS,
  guardianLabel,
  guardianPayload,
  linkAuditValue,
  linksOfGuardian,
  readGuardian,
  readLink,
  type GuardianEditColumn,
  type GuardianSqlRow,
  type LinkSqlRow,
} from '../edits/rows';
import { displayValue, MERGE_FIELDS, suggestedChoice } from './fields';

type Reader = Pick<Tx, 'get' | 'all'>;

/** What a merge moved, kept to split it back. */
interface Moved {
  /** 'moved': the link now points to the kept record; 'dropped': the kept record already had the child. */
  links: Array<{ action: 'moved' | 'dropped'; link: LinkSqlRow; keepLink?: { id: string; before: Pick<LinkSqlRow, 'relation' | 'legal_rank'>; after: Pick<LinkSqlRow, 'relation' | 'legal_rank'> } }>;
  letters: string[];
  reports: string[];
  movedToReports: string[];
  account: { action: 'moved' | 'dropped'; row: Record<string, SqlValue> } | null;
}

interface MergeSql {
  id: string;
  keep_id: string;
  merged_id: string;
  at: string;
  actor: string;
  keep_before: string;
  keep_after: string;
  merged_row: string;
  moved: string;
  state: 'merged' | 'split';
  split_at: string | null;
  split_by: string | null;
}

const notFound = () => new AppFailure('not_found', 'Responsable légal introuvable : la fiche a peut-être déjà été fusionnée.');

function pair(db: Reader, keepId: string, mergeId: string): [GuardianSqlRow, GuardianSqlRow] {
  if (keepId === mergeId) {
    const message = 'Choisissez deux fiches différentes à fusionner.';
    throw new AppFailure('invalid_input', message, { field: 'mergeId', fields: [{ field: 'mergeId', code: 'same', message }] });
  }
  const keep = readGuardian(db, keepId);
  const merge = readGuardian(db, mergeId);
  if (!keep || !merge) throw notFound();
  return [keep, merge];
}

export function mergePreview(input: ParsedInput<'guardians.mergePreview'>, ctx: CoreContext): Output<'guardians.mergePreview'> {
  const [keep, merge] = pair(ctx.db, input.keepId, input.mergeId);
  const keepStudents = new Set(linksOfGuardian(ctx.db, keep.id).map((l) => l.student_id));
  const shared = linksOfGuardian(ctx.db, merge.id).map((l) => l.student_id).filter((s) => keepStudents.has(s));
  const warnings: string[] = [];
  if (keep.name_key !== merge.name_key) {
    warnings.push('Les noms diffèrent : vérifiez qu’il s’agit bien de la même personne. Une fusion à tort rattache les enfants d’un autre parent.');
  }
  if (keep.phone && merge.phone && keep.phone !== merge.phone) warnings.push('Deux portables différents : un seul sera gardé.');
  if (keep.email && merge.email && keep.email !== merge.email) warnings.push('Deux courriels différents : un seul sera gardé.');
  const accounts = ctx.db.all<{ guardian_id: string; state: string }>('SELECT guardian_id, state FROM account WHERE guardian_id IN (?, ?)', [keep.id, merge.id]);
  if (accounts.filter((a) => a.state === 'activated').length > 1) {
    warnings.push('Les deux fiches ont un compte activé : le service des comptes les regroupera ; prévenez la famille.');
  }
  return {
    keep: guardianFormOf(ctx.db, keep),
    merge: guardianFormOf(ctx.db, merge),
    fields: MERGE_FIELDS.map(({ field, label }) => {
      const keepValue = displayValue(keep, field);
      const mergeValue = displayValue(merge, field);
      return { field, label, keepValue, mergeValue, same: keepValue === mergeValue, suggested: suggestedChoice(keep, merge, field) };
    }),
    sharedStudents: shared,
    warnings,
  };
}

const editColumns = (g: GuardianSqlRow): Record<string, string | null> =>
  Object.fromEntries(GUARDIAN_EDIT_COLUMNS.map((c) => [c, g[c] ?? null]));

export function mergeGuardians(input: ParsedInput<'guardians.merge'>, ctx: CoreContext): Promise<Output<'guardians.merge'>> {
  return correct(ctx, 'edit', ['guardian', 'student'], (log, tx) => {
    const [keep, merged] = pair(tx, input.keepId, input.mergeId);
    if (input.keepVersion !== undefined && Number(keep.version) !== input.keepVersion) throw staleGuardian(tx, keep);
    if (input.mergeVersion !== undefined && Number(merged.version) !== input.mergeVersion) throw staleGuardian(tx, merged);

    // Fields: each group from the chosen record.
    const columns: Partial<Record<GuardianEditColumn, string | null>> = {};
    for (const { field, columns: cols } of MERGE_FIELDS) {
      const choice = input.fieldChoices[field as MergeField] ?? suggestedChoice(keep, merged, field);
      if (choice === 'merge') for (const c of cols) columns[c] = merged[c] ?? null;
    }
    const { version } = writeGuardianColumns(tx, log, keep, columns);
    const keepAfter = readGuardian(tx, keep.id)!;

    const moved: Moved = { links: [], letters: [], reports: [], movedToReports: [], account: null };
    const students = new Set<string>();
    const keepLinks = new Map(linksOfGuardian(tx, keep.id).map((l) => [l.student_id, l]));
    for (const link of linksOfGuardian(tx, merged.id)) {
      students.add(link.student_id);
      const existing = keepLinks.get(link.student_id);
      if (!existing) {
        tx.run('UPDATE guardianship SET guardian_id = ? WHERE id = ?', [keep.id, link.id]);
        log.audit('guardianship', link.id, 'guardian_id', merged.id, keep.id);
        log.touchStudent(link.student_id);
        moved.links.push({ action: 'moved', link });
      } else {
        // The kept record already has this child: one link stays, with the best-known relation and rank.
        tx.run('DELETE FROM guardianship WHERE id = ?', [link.id]);
        log.audit('guardianship', link.id, '*', linkAuditValue(link), null);
        log.touchStudent(link.student_id);
        const relation = existing.relation ?? link.relation;
        const rank = Number(existing.legal_rank) === 0 ? Number(link.legal_rank) : Number(existing.legal_rank);
        setLinkFields(tx, log, existing, relation, rank);
        moved.links.push({
          action: 'dropped',
          link,
          keepLink: { id: existing.id, before: { relation: existing.relation, legal_rank: Number(existing.legal_rank) }, after: { relation, legal_rank: rank } },
        });
      }
    }
    moved.letters = tx.all<{ id: string }>('SELECT id FROM letter WHERE guardian_id = ?', [merged.id]).map((r) => r.id);
    tx.run('UPDATE letter SET guardian_id = ? WHERE guardian_id = ?', [keep.id, merged.id]);
    moved.reports = tx.all<{ id: string }>('SELECT id FROM report WHERE guardian_id = ?', [merged.id]).map((r) => r.id);
    tx.run('UPDATE report SET guardian_id = ? WHERE guardian_id = ?', [keep.id, merged.id]);
    moved.movedToReports = tx.all<{ id: string }>('SELECT id FROM report WHERE moved_to_guardian_id = ?', [merged.id]).map((r) => r.id);
    tx.run('UPDATE report SET moved_to_guardian_id = ? WHERE moved_to_guardian_id = ?', [keep.id, merged.id]);
    const account = tx.get<Record<string, SqlValue>>('SELECT * FROM account WHERE guardian_id = ?', [merged.id]);
    if (account) {
      const keepHas = tx.get('SELECT guardian_id FROM account WHERE guardian_id = ?', [keep.id]);
      if (keepHas) tx.run('DELETE FROM account WHERE guardian_id = ?', [merged.id]);
      else tx.run('UPDATE account SET guardian_id = ? WHERE guardian_id = ?', [keep.id, merged.id]);
      moved.account = { action: keepHas ? 'dropped' : 'moved', row: account };
    }
    tx.run('DELETE FROM guardian WHERE id = ?', [merged.id]);

    const mergeId = ctx.ids();
    tx.run(
      `INSERT INTO guardian_merge (id, keep_id, merged_id, at, actor, keep_before, keep_after, merged_row, moved)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [mergeId, keep.id, merged.id, log.now, log.actor, JSON.stringify(editColumns(keep)), JSON.stringify(editColumns(keepAfter)), JSON.stringify(merged), JSON.stringify(moved)],
    );
    log.audit('guardian', keep.id, 'merge', null, JSON.stringify({ mergeId, mergedId: merged.id, merged: guardianLabel(merged) }));
    log.audit('guardian', merged.id, '*', compact(editColumns(merged)), null);
    log.outbox('guardian', merged.id, 'merge', compact({ mergeId, keepId: keep.id, mergedId: merged.id }), Number(merged.version));
    return { value: { mergeId, keepId: keep.id, version }, touched: { guardians: [keep.id, merged.id], students } };
  });
}

export function splitGuardians(input: ParsedInput<'guardians.split'>, ctx: CoreContext): Promise<Output<'guardians.split'>> {
  return correct(ctx, 'edit', ['guardian', 'student'], (log, tx) => {
    const rec = tx.get<MergeSql>('SELECT * FROM guardian_merge WHERE id = ?', [input.mergeId]);
    if (!rec) throw new AppFailure('not_found', 'Fusion introuvable.');
    if (rec.state === 'split') throw new AppFailure('conflict', 'Cette fusion a déjà été défaite.');
    const keep = readGuardian(tx, rec.keep_id);
    if (!keep) {
      throw new AppFailure('conflict', 'La fiche conservée a elle-même été fusionnée depuis : séparez d’abord cette fusion plus récente.');
    }
    if (readGuardian(tx, rec.merged_id)) throw new AppFailure('conflict', 'La fiche fusionnée existe déjà de nouveau.');
    const mergedRow = JSON.parse(rec.merged_row) as GuardianSqlRow;
    const keepBefore = JSON.parse(rec.keep_before) as Record<string, string | null>;
    const keepAfter = JSON.parse(rec.keep_after) as Record<string, string | null>;
    const moved = JSON.parse(rec.moved) as Moved;

    // The merged record returns as it was (new version: it changed for the account service).
    const restored: GuardianSqlRow = { ...mergedRow, version: Number(mergedRow.version) + 1, updated_at: log.now };
    const cols = [...GUARDIAN_EDIT_COLUMNS, 'name_key', 'version', 'created_at', 'updated_at'] as const;
    tx.run(`INSERT INTO guardian (id, ${cols.join(', ')}) VALUES (?, ${cols.map(() => '?').join(', ')})`, [
      restored.id,
      ...cols.map((c) => (restored[c] ?? null) as SqlValue),
    ]);
    log.audit('guardian', restored.id, '*', null, compact(editColumns(restored)));
    log.outbox('guardian', restored.id, 'upsert', guardianPayload(restored), null);

    // The kept record gets back the values the merge brought, unless changed since.
    const back: Record<string, string | null> = {};
    for (const c of GUARDIAN_EDIT_COLUMNS) {
      if (keepAfter[c] !== keepBefore[c] && (keep[c] ?? null) === keepAfter[c]) back[c] = keepBefore[c] ?? null;
    }
    writeGuardianColumns(tx, log, keep, back);

    const students = new Set<string>();
    for (const m of moved.links) {
      students.add(m.link.student_id);
      if (m.action === 'moved') {
        const cur = readLink(tx, m.link.id);
        if (cur && cur.guardian_id === keep.id) {
          tx.run('UPDATE guardianship SET guardian_id = ? WHERE id = ?', [restored.id, m.link.id]);
          log.audit('guardianship', m.link.id, 'guardian_id', keep.id, restored.id);
          log.touchStudent(m.link.student_id);
        }
      } else {
        if (!tx.get('SELECT id FROM guardianship WHERE student_id = ? AND guardian_id = ?', [m.link.student_id, restored.id]) && tx.get('SELECT id FROM student WHERE id = ?', [m.link.student_id])) {
          tx.run('INSERT INTO guardianship (id, student_id, guardian_id, relation, legal_rank, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
            m.link.id, m.link.student_id, restored.id, m.link.relation, m.link.legal_rank, m.link.created_at,
          ]);
          log.audit('guardianship', m.link.id, '*', null, linkAuditValue(m.link));
          log.touchStudent(m.link.student_id);
        }
        const kl = m.keepLink ? readLink(tx, m.keepLink.id) : undefined;
        if (kl && m.keepLink && (kl.relation ?? null) === m.keepLink.after.relation && Number(kl.legal_rank) === m.keepLink.after.legal_rank) {
          setLinkFields(tx, log, kl, m.keepLink.before.relation, m.keepLink.before.legal_rank);
        }
      }
    }
    restoreMovedRows(tx, moved, keep.id, restored.id);

    tx.run("UPDATE guardian_merge SET state = 'split', split_at = ?, split_by = ? WHERE id = ?", [log.now, log.actor, rec.id]);
    log.audit('guardian', keep.id, 'split', JSON.stringify({ mergeId: rec.id, mergedId: restored.id }), null);
    log.outbox('guardian', restored.id, 'split', compact({ mergeId: rec.id, keepId: keep.id, mergedId: restored.id }), null);
    return { value: { keepId: keep.id, restoredId: restored.id }, touched: { guardians: [keep.id, restored.id], students } };
  });
}

function restoreMovedRows(tx: Tx, moved: Moved, keepId: string, restoredId: string): void {
  const back = (table: string, column: string, ids: string[]) => {
    for (const id of ids) tx.run(`UPDATE ${table} SET ${column} = ? WHERE id = ? AND ${column} = ?`, [restoredId, id, keepId]);
  };
  back('letter', 'guardian_id', moved.letters);
  back('report', 'guardian_id', moved.reports);
  back('report', 'moved_to_guardian_id', moved.movedToReports);
  if (moved.account) {
    const row: Record<string, SqlValue> = { ...moved.account.row, guardian_id: restoredId };
    if (moved.account.action === 'moved') {
      tx.run('UPDATE account SET guardian_id = ? WHERE guardian_id = ? AND remote_id IS ?', [restoredId, keepId, row.remote_id ?? null]);
    } else {
      const cols = Object.keys(row);
      tx.run(`INSERT OR IGNORE INTO account (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => row[c] ?? null));
    }
  }
}

export function listMerges(input: ParsedInput<'guardians.merges'>, ctx: CoreContext): Output<'guardians.merges'> {
  const rows = ctx.db.all<MergeSql>('SELECT * FROM guardian_merge WHERE keep_id = ? OR merged_id = ? ORDER BY at DESC, id DESC', [input.guardianId, input.guardianId]);
  return rows.map((r): MergeRecord => {
    const merged = JSON.parse(r.merged_row) as GuardianSqlRow;
    return {
      id: r.id,
      at: r.at,
      actor: r.actor,
      keepId: r.keep_id,
      mergedId: r.merged_id,
      mergedLabel: guardianLabel(merged),
      state: r.state,
      splitAt: r.split_at,
      splitBy: r.split_by,
    };
  });
}

export type { ChangeLog };
