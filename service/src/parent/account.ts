import { accountById, accountByLogin, type AccountRow } from '../accounts';
import type { Deps } from '../deps';
import { HttpError } from '../errors';
import { emitFeed } from '../feed';
import type { SessionRow } from '../http';
import { MSG } from '../messages';
import { verifyPassword } from '../security/crypto';
import { childrenOf, publicChild, recordsOfAccount } from './children';
import { checkLetterPassword, clearFailures, recordFailure } from './failures';
import { dummyVerify, isLocked, limitAccount } from './guards';
import { createSession } from './session';
import { reportNotMine } from './activation';

const fail = (status: number, code: string, message: string) => new HttpError(status, code, message);

/**
 * Checks an account's own credentials: its password once activated, its live letter before.
 * Counts failures and locks. Returns the account when they are right.
 */
async function authenticate(deps: Deps, login: string, password: string, purpose: 'login' | 'group'): Promise<AccountRow> {
  limitAccount(deps, login);
  const account = await accountByLogin(deps.db, login);
  if (!account) {
    await dummyVerify(deps, password);
    throw fail(401, 'credentials_wrong', MSG.loginWrong);
  }
  if (isLocked(deps, account.locked_until)) throw fail(423, 'locked', MSG.accountLocked);
  let right = false;
  let letterOnly = false;
  if (account.password_hash && (await verifyPassword(password, account.password_hash))) right = true;
  else if (account.state !== 'activated' && account.state !== 'merged') {
    right = (await checkLetterPassword(deps, account.id, password)).kind === 'live';
    letterOnly = right;
  }
  if (!right) {
    const locked = await recordFailure(deps, account);
    throw locked ? fail(423, 'locked', MSG.accountLocked) : fail(401, 'credentials_wrong', MSG.loginWrong);
  }
  await clearFailures(deps, account);
  if (account.state === 'merged') throw fail(409, 'merged', MSG.accountMerged);
  if (account.state === 'blocked') throw fail(423, 'locked', MSG.accountLocked);
  // Logging in needs an activated account; grouping accepts a letter's credentials (FAQ).
  if (purpose === 'login' && letterOnly) throw fail(409, 'needs_activation', MSG.loginNeedsActivation);
  return account;
}

export async function login(deps: Deps, loginName: string, password: string) {
  const account = await authenticate(deps, loginName, password, 'login');
  const s = await createSession(deps.db, deps, 'account', account.id, {});
  return { sessionToken: s.token, expiresAt: s.expiresAt, login: account.login };
}

async function sessionAccount(deps: Deps, session: SessionRow): Promise<AccountRow> {
  const account = session.accountId ? await accountById(deps.db, session.accountId) : undefined;
  if (!account || account.state !== 'activated') throw fail(401, 'unauthenticated', MSG.sessionRequired);
  return account;
}

export async function myChildren(deps: Deps, session: SessionRow) {
  const account = await sessionAccount(deps, session);
  const children = await childrenOf(deps.db, await recordsOfAccount(deps.db, account.id));
  const reported = await deps.db.query<{ rid: string }>(
    `SELECT s.rid FROM report r JOIN student s ON s.school_id = r.school_id AND s.id = r.student_id
      WHERE r.account_id = $1 AND r.state = 'open'`,
    [account.id],
  );
  const hidden = new Set(reported.map((r) => r.rid));
  return {
    login: account.login,
    children: children.filter((c) => !hidden.has(c.rid)).map((c) => ({ ...publicChild(c), birthDate: c.birthDate })),
  };
}

export async function myNotMine(deps: Deps, session: SessionRow, childRid: string, comment: string | null) {
  const account = await sessionAccount(deps, session);
  await reportNotMine(deps, childRid, await recordsOfAccount(deps.db, account.id), account.id, comment);
  return { reported: true as const, message: MSG.notMineFiled };
}

/**
 * "Ajouter des enfants depuis un autre compte": the other account's credentials prove the parent
 * holds it; only when nom and prénom are identical. Its guardian records move to this account.
 */
export async function groupAccounts(deps: Deps, session: SessionRow, otherLogin: string, otherPassword: string) {
  const main = await sessionAccount(deps, session);
  if (otherLogin.trim().toLowerCase() === main.login) throw fail(400, 'same_account', MSG.groupSameAccount);
  const other = await authenticate(deps, otherLogin, otherPassword, 'group');
  const keysOf = async (accountId: string) =>
    new Set(
      (
        await deps.db.query<{ name_key: string }>(
          `SELECT DISTINCT g.name_key FROM account_guardian ag JOIN guardian g ON g.school_id = ag.school_id AND g.id = ag.guardian_id
            WHERE ag.account_id = $1 AND NOT g.deleted`,
          [accountId],
        )
      ).map((r) => r.name_key),
    );
  const mainKeys = await keysOf(main.id);
  const otherKeys = await keysOf(other.id);
  if (!otherKeys.size || [...otherKeys].some((k) => !mainKeys.has(k))) throw fail(422, 'names_differ', MSG.groupNamesDiffer);

  const moved = await recordsOfAccount(deps.db, other.id);
  await deps.db.tx(async (q) => {
    const now = deps.clock.now();
    await q.query('UPDATE account_guardian SET account_id = $2 WHERE account_id = $1', [other.id, main.id]);
    await q.query(
      "UPDATE account SET state = 'merged', merged_into = $2, password_hash = NULL, version = version + 1, updated_at = $3 WHERE id = $1",
      [other.id, main.id, now],
    );
    await q.query('UPDATE credential SET voided_at = $2 WHERE account_id = $1 AND voided_at IS NULL', [other.id, now]);
    await q.query('DELETE FROM session WHERE account_id = $1', [other.id]);
    for (const r of moved)
      await emitFeed(q, deps, r.schoolId, { kind: 'account.merged', guardianId: r.guardianId, login: other.login, into: main.login });
  });
  const added = await childrenOf(deps.db, moved);
  return { added: added.map(publicChild), message: MSG.groupDone };
}
