// guardianships.link / .update / .unlink: a guardian's link to a child. The link belongs to the
// student's record for the account service, so the student's version is bumped and its upsert queued.

import type { Output, ParsedInput } from '../../../shared/contract';
import type { FieldWarning } from '../../../shared/contract/corrections';
import type { CoreContext } from '../context';
import type { Tx } from '../db/types';
import { AppFailure } from '../errors';
import { correct, fieldError, invalidFields, type ChangeLog } from './changes';
import { linkAuditValue, linksOfStudent, readGuardian, readLink, readStudent, type LinkSqlRow } from './rows';
import { validateRelation } from './validate';

/** Rank problems left after a link change: the desk lists them too, the form shows them at once. */
export function rankWarnings(tx: Tx, studentId: string): FieldWarning[] {
  const links = linksOfStudent(tx, studentId);
  const out: FieldWarning[] = [];
  const rank1 = links.filter((l) => Number(l.legal_rank) === 1).length;
  const rank2 = links.filter((l) => Number(l.legal_rank) === 2).length;
  if (rank1 > 1) out.push({ field: 'legalRank', code: 'two_rank1', message: 'Rang légal : cet élève a maintenant deux responsables de rang 1 ; un seul peut l’être.' });
  if (rank2 > 1) out.push({ field: 'legalRank', code: 'two_rank2', message: 'Rang légal : cet élève a maintenant deux responsables de rang 2.' });
  if (rank1 + rank2 === 0) out.push({ field: 'legalRank', code: 'no_legal_guardian', message: 'Rang légal : cet élève n’a plus aucun responsable légal (rang 1 ou 2).' });
  return out;
}

/** Inserts a link in the caller's transaction, with its audit row and the student's upsert. */
export function insertLink(tx: Tx, log: ChangeLog, link: LinkSqlRow): void {
  tx.run('INSERT INTO guardianship (id, student_id, guardian_id, relation, legal_rank, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    link.id, link.student_id, link.guardian_id, link.relation, link.legal_rank, link.created_at,
  ]);
  log.audit('guardianship', link.id, '*', null, linkAuditValue(link));
  log.touchStudent(link.student_id);
}

/** Deletes a link in the caller's transaction, with its audit row and the student's upsert. */
export function deleteLink(tx: Tx, log: ChangeLog, link: LinkSqlRow): void {
  tx.run('DELETE FROM guardianship WHERE id = ?', [link.id]);
  log.audit('guardianship', link.id, '*', linkAuditValue(link), null);
  log.touchStudent(link.student_id);
}

export function setLinkFields(tx: Tx, log: ChangeLog, link: LinkSqlRow, relation: string | null, legalRank: number): number {
  let n = 0;
  if ((link.relation ?? null) !== relation) {
    tx.run('UPDATE guardianship SET relation = ? WHERE id = ?', [relation, link.id]);
    log.audit('guardianship', link.id, 'relation', link.relation, relation);
    n++;
  }
  if (Number(link.legal_rank) !== legalRank) {
    tx.run('UPDATE guardianship SET legal_rank = ? WHERE id = ?', [legalRank, link.id]);
    log.audit('guardianship', link.id, 'legal_rank', Number(link.legal_rank), legalRank);
    n++;
  }
  if (n) log.touchStudent(link.student_id);
  return n;
}

export function linkGuardian(input: ParsedInput<'guardianships.link'>, ctx: CoreContext): Promise<Output<'guardianships.link'>> {
  const rel = validateRelation(input.relation);
  if (rel.error) throw invalidFields([rel.error]);
  return correct(ctx, 'edit', ['student', 'guardian'], (log, tx) => {
    const student = readStudent(tx, input.studentId);
    if (!student) throw invalidFields([fieldError('studentId', 'not_found', 'Élève : introuvable dans le registre.')]);
    if (!readGuardian(tx, input.guardianId)) {
      throw invalidFields([fieldError('guardianId', 'not_found', 'Responsable : introuvable dans le registre (fiche fusionnée ?).')]);
    }
    const existing = tx.get<{ id: string }>('SELECT id FROM guardianship WHERE student_id = ? AND guardian_id = ?', [input.studentId, input.guardianId]);
    if (existing) throw invalidFields([fieldError('guardianId', 'already_linked', 'Responsable : déjà rattaché à cet élève.')]);
    const link: LinkSqlRow = {
      id: ctx.ids(),
      student_id: input.studentId,
      guardian_id: input.guardianId,
      relation: rel.value,
      legal_rank: input.legalRank,
      created_at: log.now,
    };
    insertLink(tx, log, link);
    return {
      value: { linkId: link.id, studentVersion: Number(student.version) + 1, warnings: rankWarnings(tx, input.studentId) },
      touched: { students: [input.studentId], guardians: [input.guardianId] },
    };
  });
}

export function updateLink(input: ParsedInput<'guardianships.update'>, ctx: CoreContext): Promise<Output<'guardianships.update'>> {
  const rel = input.relation === undefined ? undefined : validateRelation(input.relation);
  if (rel?.error) throw invalidFields([rel.error]);
  return correct(ctx, 'edit', ['student', 'guardian'], (log, tx) => {
    const link = readLink(tx, input.linkId);
    if (!link) throw new AppFailure('not_found', 'Rattachement introuvable : il a peut-être été supprimé entre-temps.');
    const n = setLinkFields(tx, log, link, rel ? rel.value : link.relation, input.legalRank ?? Number(link.legal_rank));
    const version = Number(readStudent(tx, link.student_id)?.version ?? 0);
    return {
      value: { studentVersion: version, changes: n, warnings: n ? rankWarnings(tx, link.student_id) : [] },
      touched: { students: [link.student_id], guardians: [link.guardian_id] },
    };
  });
}

export function unlinkGuardian(input: ParsedInput<'guardianships.unlink'>, ctx: CoreContext): Promise<Output<'guardianships.unlink'>> {
  return correct(ctx, 'edit', ['student', 'guardian'], (log, tx) => {
    const link = readLink(tx, input.linkId);
    if (!link) throw new AppFailure('not_found', 'Rattachement introuvable : il a peut-être déjà été supprimé.');
    deleteLink(tx, log, link);
    const version = Number(readStudent(tx, link.student_id)?.version ?? 0);
    return {
      value: { studentVersion: version, warnings: rankWarnings(tx, link.student_id) },
      touched: { students: [link.student_id], guardians: [link.guardian_id] },
    };
  });
}
