// The "ce n'est pas mon enfant" desk: a parent sees a child who is not theirs, so a link is wrong
// and personal data leaked. Open reports come first, oldest first. Each resolution is one
// transaction: the register fix, the report's closing, audit and outbox.

import type { Output, ParsedInput } from '../../../shared/contract';
import type { ReportRow } from '../../../shared/contract/corrections';
import { cleanText } from '../../../shared/domain/text';
import type { CoreContext } from '../context';
import type { Tx } from '../db/types';
import { AppFailure } from '../errors';
import { correct, fieldError, invalidFields } from '../edits/changes';
import { applyGuardianChanges } from '../edits/guardian';
import { deleteLink, insertLink } from '../edits/links';
import { compact, readGuardian, readStudent, studentLabel, guardianLabel, withPhone, type LinkSqlRow } from '../edits/rows';
import { applyStudentChanges } from '../edits/student';

interface ReportSql {
  id: string;
  remote_id: string | null;
  guardian_id: string | null;
  student_id: string | null;
  comment: string | null;
  source: 'service' | 'phone' | 'counter';
  state: 'open' | 'resolved' | 'rejected';
  resolution: string | null;
  resolution_note: string | null;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  recorded_by: string | null;
  moved_to_guardian_id: string | null;
  g_last: string | null;
  g_first: string | null;
  g_civility: string | null;
  s_last: string | null;
  s_first: string | null;
  s_division: string | null;
  m_last: string | null;
  m_first: string | null;
  m_civility: string | null;
  g_phone: string | null;
  m_phone: string | null;
  link_exists: number;
}

const SELECT = `SELECT r.*, g.last_name AS g_last, g.first_name AS g_first, g.civility AS g_civility, g.phone AS g_phone, m.phone AS m_phone,
    s.last_name AS s_last, s.first_name AS s_first, s.division AS s_division,
    m.last_name AS m_last, m.first_name AS m_first, m.civility AS m_civility,
    EXISTS (SELECT 1 FROM guardianship x WHERE x.student_id = r.student_id AND x.guardian_id = r.guardian_id) AS link_exists
  FROM report r LEFT JOIN guardian g ON g.id = r.guardian_id LEFT JOIN student s ON s.id = r.student_id
  LEFT JOIN guardian m ON m.id = r.moved_to_guardian_id`;

const ORDER = {
  open: "WHERE r.state = 'open' ORDER BY r.created_at, r.id",
  closed: "WHERE r.state <> 'open' ORDER BY r.resolved_at DESC, r.id DESC",
  all: "ORDER BY CASE r.state WHEN 'open' THEN 0 ELSE 1 END, CASE WHEN r.state = 'open' THEN r.created_at END, r.resolved_at DESC, r.id",
} as const;

export function ageLabel(hours: number): string {
  if (hours < 1) return 'moins d’1 h';
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} j`;
}

function toRow(r: ReportSql, now: Date): ReportRow {
  const hours = Math.max(0, Math.floor((now.getTime() - new Date(r.created_at).getTime()) / 3_600_000));
  let gLabel = r.g_last !== null ? guardianLabel({ last_name: r.g_last, first_name: r.g_first ?? '', civility: r.g_civility }) : '';
  let mLabel = r.m_last !== null ? guardianLabel({ last_name: r.m_last, first_name: r.m_first ?? '', civility: r.m_civility }) : '';
  if (r.guardian_id && r.guardian_id === r.moved_to_guardian_id) {
    // Both records were merged since the decision: one record now, say so rather than « X → X ».
    mLabel = `${mLabel} (les deux fiches ont été fusionnées depuis)`;
  } else if (gLabel && gLabel === mLabel) {
    gLabel = withPhone(gLabel, r.g_phone);
    mLabel = withPhone(mLabel, r.m_phone);
  }
  return {
    id: r.id,
    source: r.source,
    state: r.state,
    createdAt: r.created_at,
    ageHours: hours,
    ageLabel: ageLabel(hours),
    guardian: r.guardian_id && r.g_last !== null ? { id: r.guardian_id, label: gLabel } : null,
    student: r.student_id && r.s_last !== null ? { id: r.student_id, label: studentLabel({ last_name: r.s_last, first_name: r.s_first ?? '' }), division: r.s_division } : null,
    linkExists: Number(r.link_exists) === 1,
    comment: r.comment,
    recordedBy: r.recorded_by,
    resolution: (r.resolution as ReportRow['resolution']) ?? null,
    resolutionNote: r.resolution_note,
    movedToGuardianId: r.moved_to_guardian_id,
    movedTo:
      r.moved_to_guardian_id && r.m_last !== null ? { id: r.moved_to_guardian_id, label: mLabel } : null,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
  };
}

function readReport(db: Pick<Tx, 'get'>, id: string, now: Date): ReportRow {
  const r = db.get<ReportSql>(`${SELECT} WHERE r.id = ?`, [id]);
  if (!r) throw new AppFailure('not_found', 'Signalement introuvable.');
  return toRow(r, now);
}

export function listReports(input: ParsedInput<'reports.list'>, ctx: CoreContext): Output<'reports.list'> {
  const now = ctx.clock.now();
  const where = input.state === 'open' ? "WHERE state = 'open'" : input.state === 'closed' ? "WHERE state <> 'open'" : '';
  const total = Number(ctx.db.get<{ n: number }>(`SELECT count(*) AS n FROM report ${where}`)?.n ?? 0);
  const open = Number(ctx.db.get<{ n: number }>("SELECT count(*) AS n FROM report WHERE state = 'open'")?.n ?? 0);
  const rows = ctx.db.all<ReportSql>(`${SELECT} ${ORDER[input.state]} LIMIT ? OFFSET ?`, [input.limit, input.offset]);
  return { total, open, rows: rows.map((r) => toRow(r, now)) };
}

const optionalText = (raw: string | null | undefined): string | null => {
  const t = raw == null ? '' : cleanText(raw);
  return t === '' ? null : t;
};

export function recordReport(input: ParsedInput<'reports.record'>, ctx: CoreContext): Promise<Output<'reports.record'>> {
  const now = ctx.clock.now();
  return correct(ctx, 'report', ['report'], (log, tx) => {
    const errors = [];
    if (!readGuardian(tx, input.guardianId)) errors.push(fieldError('guardianId', 'not_found', 'Parent : introuvable dans le registre.'));
    if (!readStudent(tx, input.studentId)) errors.push(fieldError('studentId', 'not_found', 'Enfant : introuvable dans le registre.'));
    if (errors.length) throw invalidFields(errors);
    if (!tx.get('SELECT id FROM guardianship WHERE student_id = ? AND guardian_id = ?', [input.studentId, input.guardianId])) {
      throw invalidFields([fieldError('studentId', 'not_linked', 'Enfant : cet élève n’est pas (ou plus) rattaché à ce parent dans le registre ; rien à corriger ici.')]);
    }
    const id = ctx.ids();
    const comment = optionalText(input.comment);
    tx.run(
      `INSERT INTO report (id, guardian_id, student_id, comment, source, state, created_at, recorded_by)
       VALUES (?, ?, ?, ?, ?, 'open', ?, ?)`,
      [id, input.guardianId, input.studentId, comment, input.source, log.now, log.actor],
    );
    log.audit('report', id, '*', null, compact({ guardianId: input.guardianId, studentId: input.studentId, source: input.source }));
    return { value: readReport(tx, id, now), touched: {} };
  });
}

export function resolveReport(input: ParsedInput<'reports.resolve'>, ctx: CoreContext): Promise<Output<'reports.resolve'>> {
  const now = ctx.clock.now();
  return correct(ctx, 'report', ['report', 'student', 'guardian'], (log, tx) => {
    const r = tx.get<ReportSql>(`${SELECT} WHERE r.id = ?`, [input.id]);
    if (!r) throw new AppFailure('not_found', 'Signalement introuvable.');
    if (r.state !== 'open') throw new AppFailure('conflict', 'Ce signalement a déjà été traité.', { current: toRow(r, now) });
    const link =
      r.student_id && r.guardian_id
        ? tx.get<LinkSqlRow>('SELECT * FROM guardianship WHERE student_id = ? AND guardian_id = ?', [r.student_id, r.guardian_id])
        : undefined;
    const guardians = new Set<string>(r.guardian_id ? [r.guardian_id] : []);
    const students = new Set<string>(r.student_id ? [r.student_id] : []);
    let note: string | null = null;
    let movedTo: string | null = null;

    switch (input.resolution) {
      case 'unlink':
        note = optionalText(input.note);
        if (link) deleteLink(tx, log, link);
        break;
      case 'move': {
        note = optionalText(input.note);
        if (!link) {
          throw invalidFields([fieldError('toGuardianId', 'no_link', 'Ce rattachement n’existe plus : il n’y a rien à déplacer (choisissez « Retirer le rattachement » ou « Rejeter »).')]);
        }
        if (input.toGuardianId === r.guardian_id || !readGuardian(tx, input.toGuardianId)) {
          throw invalidFields([fieldError('toGuardianId', 'invalid', 'Bon responsable : choisissez un autre responsable existant.')]);
        }
        deleteLink(tx, log, link);
        if (!tx.get('SELECT id FROM guardianship WHERE student_id = ? AND guardian_id = ?', [link.student_id, input.toGuardianId])) {
          insertLink(tx, log, { id: ctx.ids(), student_id: link.student_id, guardian_id: input.toGuardianId, relation: link.relation, legal_rank: Number(link.legal_rank), created_at: log.now });
        }
        movedTo = input.toGuardianId;
        guardians.add(movedTo);
        break;
      }
      case 'correct': {
        note = optionalText(input.note);
        let changed = 0;
        if (input.student && Object.keys(input.student).length) {
          const s = r.student_id ? readStudent(tx, r.student_id) : undefined;
          if (!s) throw new AppFailure('not_found', 'Élève du signalement introuvable.');
          changed += applyStudentChanges(tx, log, s, input.student, now, 'student.').changed;
        }
        if (input.guardian && Object.keys(input.guardian).length) {
          const g = r.guardian_id ? readGuardian(tx, r.guardian_id) : undefined;
          if (!g) throw new AppFailure('not_found', 'Parent du signalement introuvable.');
          changed += applyGuardianChanges(tx, log, g, input.guardian, 'guardian.').changed;
        }
        if (changed === 0) {
          throw invalidFields([fieldError('student', 'no_change', 'Correction : indiquez ce qui est faux (nom, prénom ou date de naissance de l’enfant, ou identité du parent).')]);
        }
        break;
      }
      case 'reject': {
        note = optionalText(input.reason);
        if (!note) throw invalidFields([fieldError('reason', 'empty', 'Motif : obligatoire, il est transmis au parent.')]);
        break;
      }
    }
    const state = input.resolution === 'reject' ? 'rejected' : 'resolved';
    tx.run(
      `UPDATE report SET state = ?, resolution = ?, resolution_note = ?, resolved_at = ?, resolved_by = ?, moved_to_guardian_id = ? WHERE id = ?`,
      [state, input.resolution, note, log.now, log.actor, movedTo, r.id],
    );
    log.audit('report', r.id, 'state', r.state, state);
    log.audit('report', r.id, 'resolution', null, input.resolution);
    log.outbox(
      'report',
      r.id,
      'resolve',
      compact({ id: r.id, remoteId: r.remote_id, resolution: input.resolution, reason: input.resolution === 'reject' ? note : null }),
      null,
    );
    return { value: readReport(tx, r.id, now), touched: { guardians, students } };
  });
}
