import type { Deps } from '../deps';
import { iso } from '../deps';
import { emitFeed } from '../feed';
import type { SchoolRow } from '../http';

/**
 * Reads a school's feed after a cursor, as the JSON text of a FeedResponse. Letters that expired
 * since the last read are reported first. Each event's JSON is made by PostgreSQL from the stored
 * payload (no jsonb and date parsing, no object spread, no re-serialising: most of a big page's cost).
 */
export async function readFeed(deps: Deps, school: SchoolRow, after: string | undefined, limit: number): Promise<string> {
  await reportExpiredLetters(deps, school);
  // ORDER BY feed.seq, the bigint: a bare `seq` would name the text alias and sort "10" before "9".
  // `at` in the format of Date.toISOString (UTC, milliseconds), which is how it was written.
  const rows = await deps.db.query<{ seq: string; event: string }>(
    `SELECT seq::text AS seq,
            (payload || jsonb_build_object('kind', kind, 'cursor', seq::text,
                                           'at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))::text AS event
       FROM feed WHERE school_id = $1 AND seq > $2::bigint ORDER BY feed.seq LIMIT $3`,
    [school.id, after ?? '0', limit],
  );
  const next = rows.length ? rows[rows.length - 1]!.seq : (after ?? null);
  return `{"events":[${rows.map((r) => r.event).join(',')}],"next":${JSON.stringify(next)}}`;
}

const EXPIRY_SWEEP_MS = 5_000;

async function reportExpiredLetters(deps: Deps, school: SchoolRow): Promise<void> {
  const now = deps.clock.now();
  // Polled often: sweep at most every few seconds per school; expiry is reported within that delay.
  const last = deps.caches.lastExpirySweep.get(school.id);
  if (last !== undefined && now.getTime() >= last && now.getTime() - last < EXPIRY_SWEEP_MS) return;
  deps.caches.lastExpirySweep.set(school.id, now.getTime());
  const live =
    'school_id = $1 AND voided_at IS NULL AND used_at IS NULL AND NOT expiry_reported AND expires_at <= $2';
  // The cheap check first: most reads find nothing and need no transaction.
  if (!(await deps.db.query(`SELECT 1 FROM credential WHERE ${live} LIMIT 1`, [school.id, now])).length) return;
  await deps.db.tx(async (q) => {
    const expired = await q.query<{ guardian_id: string; expires_at: Date; login: string }>(
      `UPDATE credential c SET expiry_reported = TRUE FROM account a
        WHERE a.id = c.account_id AND c.school_id = $1 AND c.voided_at IS NULL AND c.used_at IS NULL
          AND NOT c.expiry_reported AND c.expires_at <= $2
       RETURNING c.guardian_id, c.expires_at, a.login`,
      [school.id, now],
    );
    for (const e of expired)
      await emitFeed(q, deps, school.id, { kind: 'letter.expired', guardianId: e.guardian_id, login: e.login, expiredAt: iso(e.expires_at) });
  });
}
