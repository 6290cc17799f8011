import type { FeedPayload } from '../../shared/service-api/school';
import type { Deps } from './deps';
import type { Queryable } from './db/types';

/** Appends one event to a school's feed, in the caller's transaction. */
export async function emitFeed(q: Queryable, deps: Deps, schoolId: string, event: FeedPayload): Promise<void> {
  const { kind, ...payload } = event;
  await q.query('INSERT INTO feed (school_id, kind, payload, at) VALUES ($1, $2, $3::jsonb, $4)', [
    schoolId,
    kind,
    JSON.stringify(payload),
    deps.clock.now(),
  ]);
}

/**
 * Emits one event per guardian record the account covers, each to that record's school with the
 * school's own guardian id (an account grouped across schools informs every school).
 */
export async function emitForAccount(
  q: Queryable,
  deps: Deps,
  accountId: string,
  make: (guardianId: string) => FeedPayload,
): Promise<void> {
  const links = await q.query<{ school_id: string; guardian_id: string }>(
    'SELECT school_id, guardian_id FROM account_guardian WHERE account_id = $1 ORDER BY school_id, guardian_id',
    [accountId],
  );
  for (const l of links) await emitFeed(q, deps, l.school_id, make(l.guardian_id));
}
