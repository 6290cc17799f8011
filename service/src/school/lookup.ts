import type { AccountsResponse, Report } from '../../../shared/service-api/school';
import type { Deps } from '../deps';
import { iso, isoOrNull } from '../deps';
import { HttpError } from '../errors';
import type { SchoolRow } from '../http';

export async function lookupAccounts(deps: Deps, school: SchoolRow, guardianIds: string[]): Promise<AccountsResponse> {
  const ids = [...new Set(guardianIds)];
  const rows = await deps.db.query<{
    guardian_id: string;
    login: string;
    state: 'none' | 'notified' | 'activated' | 'blocked' | 'merged';
    activation_path: 'letter' | 'sms' | null;
    email_validated: boolean;
    merged_login: string | null;
    locked_until: Date | null;
    letter_expires_at: Date | null;
  }>(
    `SELECT ag.guardian_id, a.login, a.state, a.activation_path, a.email_validated, m.login AS merged_login, a.locked_until,
            (SELECT max(c.expires_at) FROM credential c WHERE c.account_id = a.id AND c.voided_at IS NULL AND c.used_at IS NULL) AS letter_expires_at
       FROM account_guardian ag JOIN account a ON a.id = ag.account_id LEFT JOIN account m ON m.id = a.merged_into
      WHERE ag.school_id = $1 AND ag.guardian_id = ANY($2::text[])`,
    [school.id, ids],
  );
  const now = deps.clock.now().getTime();
  const byId = new Map(rows.map((r) => [r.guardian_id, r]));
  return {
    accounts: ids.map((guardianId) => {
      const r = byId.get(guardianId);
      return {
        guardianId,
        account: r
          ? {
              login: r.login,
              state: r.state,
              activationPath: r.activation_path,
              emailValidated: r.email_validated,
              letterExpiresAt: isoOrNull(r.letter_expires_at),
              mergedInto: r.merged_login,
              lockedUntil: r.locked_until && new Date(r.locked_until).getTime() > now ? iso(r.locked_until) : null,
            }
          : null,
      };
    }),
  };
}

interface ReportRow {
  id: string;
  guardian_id: string;
  student_id: string;
  comment: string | null;
  state: 'open' | 'resolved';
  resolution: Report['resolution'];
  note: string | null;
  created_at: Date;
  resolved_at: Date | null;
}

const toReport = (r: ReportRow): Report => ({
  id: r.id,
  guardianId: r.guardian_id,
  studentId: r.student_id,
  comment: r.comment,
  state: r.state,
  resolution: r.resolution,
  note: r.note,
  createdAt: iso(r.created_at),
  resolvedAt: isoOrNull(r.resolved_at),
});

/** Records how staff resolved a report. Resolving again the same way answers the same (a retry). */
export async function resolveReport(
  deps: Deps,
  school: SchoolRow,
  id: string,
  resolution: NonNullable<Report['resolution']>,
  note: string | null,
): Promise<Report> {
  return deps.db.tx(async (q) => {
    const r = (await q.query<ReportRow>('SELECT * FROM report WHERE id = $1 AND school_id = $2 FOR UPDATE', [id, school.id]))[0];
    // Another school's report answers exactly like an unknown one.
    if (!r) throw new HttpError(404, 'not_found', 'Signalement inconnu.');
    if (r.state === 'resolved') {
      if (r.resolution === resolution) return toReport(r);
      throw new HttpError(409, 'conflict', 'Ce signalement a déjà été traité autrement.', { report: toReport(r) });
    }
    const updated = await q.query<ReportRow>(
      "UPDATE report SET state = 'resolved', resolution = $2, note = $3, resolved_at = $4 WHERE id = $1 RETURNING *",
      [id, resolution, note, deps.clock.now()],
    );
    return toReport(updated[0]!);
  });
}
