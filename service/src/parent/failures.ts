import type { AccountRow } from '../accounts';
import type { Deps } from '../deps';
import { addMs, iso } from '../deps';
import { emitForAccount } from '../feed';
import { verifyPassword } from '../security/crypto';

/**
 * Counts a wrong password on an account; after maxLoginFailures the account is locked for a
 * while and its schools hear of it (account.blocked). Returns true when this failure locked it.
 */
export async function recordFailure(deps: Deps, account: AccountRow): Promise<boolean> {
  return deps.db.tx(async (q) => {
    const rows = await q.query<{ failed_attempts: number }>(
      'UPDATE account SET failed_attempts = failed_attempts + 1 WHERE id = $1 RETURNING failed_attempts',
      [account.id],
    );
    if ((rows[0]?.failed_attempts ?? 0) < deps.config.maxLoginFailures) return false;
    const until = addMs(deps.clock.now(), deps.config.lockMs);
    await q.query('UPDATE account SET failed_attempts = 0, locked_until = $2 WHERE id = $1', [account.id, until]);
    await emitForAccount(q, deps, account.id, (guardianId) => ({ kind: 'account.blocked', guardianId, login: account.login, until: iso(until) }));
    return true;
  });
}

export async function clearFailures(deps: Deps, account: AccountRow): Promise<void> {
  if (account.failed_attempts || account.locked_until)
    await deps.db.query('UPDATE account SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [account.id]);
}

export type LetterCheck = { kind: 'live'; credentialId: string } | { kind: 'stale' } | { kind: 'wrong' };

/**
 * Checks a temporary password against the account's recent letters: the live one opens the
 * activation; a voided or expired one gets its own message (the parent holds an old letter).
 */
export async function checkLetterPassword(deps: Deps, accountId: string, password: string): Promise<LetterCheck> {
  const creds = await deps.db.query<{ id: string; secret_hash: string; expires_at: Date; voided_at: Date | null; used_at: Date | null }>(
    'SELECT id, secret_hash, expires_at, voided_at, used_at FROM credential WHERE account_id = $1 ORDER BY created_at DESC LIMIT 3',
    [accountId],
  );
  const now = deps.clock.now().getTime();
  for (const c of creds) {
    if (!(await verifyPassword(password, c.secret_hash))) continue;
    const live = !c.voided_at && !c.used_at && new Date(c.expires_at).getTime() > now;
    return live ? { kind: 'live', credentialId: c.id } : { kind: 'stale' };
  }
  return { kind: 'wrong' };
}
