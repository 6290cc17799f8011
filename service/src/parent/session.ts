import type { Queryable } from '../db/types';
import type { Deps } from '../deps';
import { addMs, iso } from '../deps';
import { randomToken, sha256 } from '../security/crypto';

export interface GuardianRef {
  schoolId: string;
  guardianId: string;
}

/** What an activation in progress remembers between its steps. */
export interface ActivationData {
  path: 'letter' | 'sms';
  accountId: string | null;
  credentialId: string | null;
  records: GuardianRef[];
  /** Student rids whose birth date was confirmed, and those reported "not mine". */
  confirmed: string[];
  reported: string[];
  /** Reports filed during this activation. */
  reportIds?: string[];
  mismatches: number;
}

export async function createSession(
  q: Queryable,
  deps: Deps,
  kind: 'activation' | 'account',
  accountId: string | null,
  data: object,
): Promise<{ token: string; expiresAt: string }> {
  const token = randomToken();
  const now = deps.clock.now();
  const expiresAt = addMs(now, kind === 'activation' ? deps.config.activationSessionTtlMs : deps.config.sessionTtlMs);
  // Opportunistic clean-up keeps the table small without a scheduler.
  await q.query('DELETE FROM session WHERE token_hash IN (SELECT token_hash FROM session WHERE expires_at <= $1 LIMIT 20)', [now]);
  await q.query('INSERT INTO session (token_hash, kind, account_id, data, created_at, expires_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6)', [
    sha256(token),
    kind,
    accountId,
    JSON.stringify(data),
    now,
    expiresAt,
  ]);
  return { token, expiresAt: iso(expiresAt) };
}

export async function saveSessionData(q: Queryable, tokenHash: string, data: object): Promise<void> {
  await q.query('UPDATE session SET data = $2::jsonb WHERE token_hash = $1', [tokenHash, JSON.stringify(data)]);
}

export async function endSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query('DELETE FROM session WHERE token_hash = $1', [tokenHash]);
}
