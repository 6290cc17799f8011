import { normaliseDate } from '../../../shared/domain/dates';
import { normaliseEmail } from '../../../shared/domain/emails';
import { normalisePhone } from '../../../shared/domain/phones';
import { accountById, accountByLogin, createAccount, type AccountRow } from '../accounts';
import type { Queryable } from '../db/types';
import type { Deps } from '../deps';
import { addMs, iso } from '../deps';
import { HttpError } from '../errors';
import { emitFeed, emitForAccount } from '../feed';
import type { SessionRow } from '../http';
import { MSG } from '../messages';
import { codeHash, hashPassword, randomDigits, sameHash } from '../security/crypto';
import { passwordProblem } from '../security/passwordPolicy';
import { childrenOf, publicChild, recordsOfAccount, type ChildRow } from './children';
import { sendEmailValidation } from './email';
import { checkLetterPassword, clearFailures, recordFailure } from './failures';
import { dummyVerify, isLocked, limitAccount, limitTarget } from './guards';
import { createSession, endSession, saveSessionData, type ActivationData, type GuardianRef } from './session';

const fail = (status: number, code: string, message: string) => new HttpError(status, code, message);

/** Normalises a phone typed by a parent; the FAQ's "indicatif" problem is theirs to fix. */
export function parentPhone(raw: string): string {
  const p = normalisePhone(raw);
  if (!p.ok) throw fail(400, 'phone_invalid', MSG.phoneInvalid);
  return p.value.e164;
}

/** Guardian records holding this phone, in schools whose département is open at `now`. */
async function guardiansByPhone(q: Queryable, phone: string, now: Date) {
  return q.query<{ school_id: string; id: string; name_key: string; last_name: string; first_name: string }>(
    `SELECT g.school_id, g.id, g.name_key, g.last_name, g.first_name
       FROM guardian g JOIN school s ON s.id = g.school_id
       JOIN departement_opening d ON d.departement = s.departement AND d.opens_at <= $2
      WHERE g.phone = $1 AND NOT g.deleted
      ORDER BY g.school_id, g.id`,
    [phone, now],
  );
}

// ---- SMS path ------------------------------------------------------------------------------------

export async function startSms(deps: Deps, rawPhone: string) {
  const phone = parentPhone(rawPhone);
  limitTarget(deps, phone);
  const now = deps.clock.now();
  const id = deps.newId();
  const code = randomDigits(6);
  const expiresAt = addMs(now, deps.config.smsCodeTtlMs);
  // The request is recorded only if a school of an open département holds the number. Committed
  // without waiting for the WAL flush (set_config(…, true) lasts for this statement's own
  // transaction): a request lost to a crash in the next few hundred ms only means « Réessayer »,
  // and the durable commit was most of this endpoint's latency on a slow-fsync disk. One round trip.
  const created = await deps.db.query(
    `WITH async_commit AS (SELECT set_config('synchronous_commit', 'off', true))
     INSERT INTO verification (id, kind, phone, secret_hash, created_at, expires_at)
     SELECT $1, 'sms_activation', $2, $3, $4, $5 FROM async_commit
      WHERE EXISTS (SELECT 1 FROM guardian g JOIN school s ON s.id = g.school_id
                      JOIN departement_opening d ON d.departement = s.departement AND d.opens_at <= $4
                     WHERE g.phone = $2 AND NOT g.deleted)
     RETURNING id`,
    [id, phone, codeHash(deps.config.codeKey, id, code), now, expiresAt],
  );
  if (!created.length) throw fail(404, 'phone_unknown', MSG.phoneUnknown);
  try {
    await deps.notifier.sms({ to: phone, text: `Votre code de validation : ${code}. Il est valable 30 minutes. Ne le communiquez à personne.` });
  } catch {
    await deps.db.query('UPDATE verification SET dead = TRUE WHERE id = $1', [id]);
    throw fail(502, 'sms_failed', MSG.smsFailed);
  }
  return { requestId: id, expiresAt: iso(expiresAt), message: MSG.smsSent };
}

/**
 * Checks a code against its request. A wrong code counts an attempt (the request dies after
 * `codeAttempts`); an expired, used or dead request always answers the same "Réessayer" error.
 */
export async function consumeCode(
  deps: Deps,
  requestId: string,
  code: string,
  kind: 'sms_activation' | 'password_reset_sms',
): Promise<{ phone: string | null; accountId: string | null }> {
  const outcome = await deps.db.tx(async (q) => {
    const v = (
      await q.query<{ id: string; phone: string | null; account_id: string | null; secret_hash: string; expires_at: Date; attempts: number; dead: boolean; used_at: Date | null }>(
        'SELECT id, phone, account_id, secret_hash, expires_at, attempts, dead, used_at FROM verification WHERE id = $1 AND kind = $2 FOR UPDATE',
        [requestId, kind],
      )
    )[0];
    if (!v || v.dead || v.used_at || new Date(v.expires_at).getTime() <= deps.clock.now().getTime()) return null;
    if (!sameHash(codeHash(deps.config.codeKey, v.id, code), v.secret_hash)) {
      await q.query('UPDATE verification SET attempts = attempts + 1, dead = (attempts + 1 >= $2) WHERE id = $1', [v.id, deps.config.codeAttempts]);
      return null;
    }
    await q.query('UPDATE verification SET used_at = $2 WHERE id = $1', [v.id, deps.clock.now()]);
    return { phone: v.phone, accountId: v.account_id };
  });
  if (!outcome) throw fail(400, 'code_retry', MSG.codeRetry);
  return outcome;
}

export async function verifySms(deps: Deps, requestId: string, code: string) {
  const { phone } = await consumeCode(deps, requestId, code, 'sms_activation');
  const guardians = await guardiansByPhone(deps.db, phone!, deps.clock.now());
  if (!guardians.length) throw fail(404, 'phone_unknown', MSG.phoneUnknown);
  // One phone, two different people: a data problem at the school, not a choice for the parent.
  if (new Set(guardians.map((g) => g.name_key)).size > 1) throw fail(409, 'phone_several_people', MSG.phoneSeveralPeople);
  const records = guardians.map((g) => ({ schoolId: g.school_id, guardianId: g.id }));
  const accounts = await accountsOf(deps.db, records);
  if (accounts.some((a) => a.state === 'activated')) throw fail(409, 'already_activated', MSG.phoneAlreadyActivated);
  const data: ActivationData = { path: 'sms', accountId: null, credentialId: null, records, confirmed: [], reported: [], mismatches: 0 };
  return openActivation(deps, data);
}

async function accountsOf(q: Queryable, records: GuardianRef[]): Promise<AccountRow[]> {
  const ids = await q.query<{ account_id: string }>(
    `SELECT DISTINCT ag.account_id FROM unnest($1::text[], $2::text[]) AS r(school_id, guardian_id)
       JOIN account_guardian ag ON ag.school_id = r.school_id AND ag.guardian_id = r.guardian_id ORDER BY ag.account_id`,
    [records.map((r) => r.schoolId), records.map((r) => r.guardianId)],
  );
  const out: AccountRow[] = [];
  for (const { account_id } of ids) out.push((await accountById(q, account_id, true))!);
  return out;
}

async function openActivation(deps: Deps, data: ActivationData) {
  const children = await childrenOf(deps.db, data.records);
  const session = await createSession(deps.db, deps, 'activation', data.accountId, data);
  return {
    sessionToken: session.token,
    expiresAt: session.expiresAt,
    path: data.path,
    children: children.map(publicChild),
    birthDatesRequired: data.path === 'sms',
  };
}

// ---- Letter path -----------------------------------------------------------------------------------

export async function startLetter(deps: Deps, login: string, temporaryPassword: string) {
  limitAccount(deps, login);
  const account = await accountByLogin(deps.db, login);
  if (!account) {
    await dummyVerify(deps, temporaryPassword);
    throw fail(401, 'credentials_wrong', MSG.letterCredentialsWrong);
  }
  if (isLocked(deps, account.locked_until)) throw fail(423, 'locked', MSG.accountLocked);
  const check = await checkLetterPassword(deps, account.id, temporaryPassword);
  if (check.kind === 'wrong') {
    const locked = await recordFailure(deps, account);
    throw locked ? fail(423, 'locked', MSG.accountLocked) : fail(401, 'credentials_wrong', MSG.letterCredentialsWrong);
  }
  await clearFailures(deps, account);
  if (account.state === 'merged') throw fail(409, 'merged', MSG.accountMerged);
  if (check.kind === 'stale') throw fail(410, 'letter_expired', MSG.letterExpired);
  const records = await recordsOfAccount(deps.db, account.id);
  if (!(await anyOpen(deps, records))) throw fail(403, 'activation_closed', MSG.activationClosed);
  const data: ActivationData = {
    path: 'letter',
    accountId: account.id,
    credentialId: check.credentialId,
    records,
    confirmed: [],
    reported: [],
    mismatches: 0,
  };
  return openActivation(deps, data);
}

async function anyOpen(deps: Deps, records: GuardianRef[]): Promise<boolean> {
  if (!records.length) return false;
  const rows = await deps.db.query(
    `SELECT 1 FROM school s JOIN departement_opening d ON d.departement = s.departement AND d.opens_at <= $2
      WHERE s.id = ANY($1::text[]) LIMIT 1`,
    [records.map((r) => r.schoolId), deps.clock.now()],
  );
  return rows.length > 0;
}

// ---- Children ---------------------------------------------------------------------------------------

const activationData = (session: SessionRow) => session.data as unknown as ActivationData;

async function sessionChildren(deps: Deps, data: ActivationData): Promise<ChildRow[]> {
  return (await childrenOf(deps.db, data.records)).filter((c) => !data.reported.includes(c.rid));
}

export async function confirmChildren(deps: Deps, session: SessionRow, answers: { id: string; birthDate: string }[]) {
  const data = activationData(session);
  const children = await sessionChildren(deps, data);
  const byRid = new Map(children.map((c) => [c.rid, c]));
  let mismatch = false;
  for (const a of answers) {
    const child = byRid.get(a.id);
    if (!child) throw fail(404, 'unknown_child', MSG.unknownChild);
    const typed = normaliseDate(a.birthDate, deps.clock.now());
    if (!typed.ok) throw fail(400, 'birth_date_invalid', MSG.birthDateInvalid);
    if (child.birthDate && child.birthDate === typed.value) {
      if (!data.confirmed.includes(child.rid)) data.confirmed.push(child.rid);
    } else mismatch = true;
  }
  if (mismatch) {
    data.mismatches++;
    if (data.mismatches >= deps.config.birthDateAttempts) {
      await endSession(deps.db, session.tokenHash);
      throw fail(422, 'birth_date_attempts', MSG.birthDateTooManyAttempts);
    }
    await saveSessionData(deps.db, session.tokenHash, data);
    throw fail(422, 'birth_date_mismatch', MSG.birthDateMismatch);
  }
  await saveSessionData(deps.db, session.tokenHash, data);
  return { confirmed: [...data.confirmed], remaining: children.filter((c) => !data.confirmed.includes(c.rid)).map((c) => c.rid) };
}

/** "Ce n'est pas mon enfant": files a report to the child's school for each linked guardian record. */
export async function reportNotMine(
  deps: Deps,
  childRid: string,
  records: GuardianRef[],
  accountId: string | null,
  comment: string | null,
): Promise<{ child: ChildRow; reportIds: string[] }> {
  const child = (await childrenOf(deps.db, records)).find((c) => c.rid === childRid);
  if (!child) throw fail(404, 'unknown_child', MSG.unknownChild);
  const reportIds: string[] = [];
  await deps.db.tx(async (q) => {
    for (const guardianId of child.guardianIds) {
      const reportId = deps.newId();
      reportIds.push(reportId);
      await q.query(
        "INSERT INTO report (id, school_id, guardian_id, student_id, account_id, comment, state, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'open', $7)",
        [reportId, child.schoolId, guardianId, child.studentId, accountId, comment, deps.clock.now()],
      );
      await emitFeed(q, deps, child.schoolId, { kind: 'report.filed', reportId, guardianId, studentId: child.studentId, comment });
    }
  });
  return { child, reportIds };
}

export async function notMineDuringActivation(deps: Deps, session: SessionRow, childRid: string, comment: string | null) {
  const data = activationData(session);
  if (data.reported.includes(childRid)) return { reported: true as const, message: MSG.notMineFiled };
  const { reportIds } = await reportNotMine(deps, childRid, data.records, data.accountId, comment);
  data.reported.push(childRid);
  data.reportIds = [...(data.reportIds ?? []), ...reportIds];
  data.confirmed = data.confirmed.filter((r) => r !== childRid);
  await saveSessionData(deps.db, session.tokenHash, data);
  return { reported: true as const, message: MSG.notMineFiled };
}

// ---- Completion ----------------------------------------------------------------------------------

export async function completeActivation(deps: Deps, session: SessionRow, newPassword: string, rawEmail: string) {
  const data = activationData(session);
  if (data.path === 'sms') {
    const children = await sessionChildren(deps, data);
    if (!children.length || children.some((c) => !data.confirmed.includes(c.rid))) throw fail(409, 'children_not_confirmed', MSG.childrenNotConfirmed);
  }
  const email = normaliseEmail(rawEmail);
  if (!email.ok) throw fail(400, 'email_invalid', MSG.emailInvalid);
  const names = await deps.db.query<{ last_name: string; first_name: string }>(
    `SELECT g.last_name, g.first_name FROM guardian g JOIN unnest($1::text[], $2::text[]) AS r(school_id, id) ON r.school_id = g.school_id AND r.id = g.id`,
    [data.records.map((r) => r.schoolId), data.records.map((r) => r.guardianId)],
  );
  const person = names[0];
  if (!person) throw fail(409, 'phone_unknown', MSG.phoneUnknown);
  const preExisting = data.accountId ? await accountById(deps.db, data.accountId) : undefined;
  const problem = passwordProblem(newPassword, [preExisting?.login ?? '', person.last_name, person.first_name]);
  if (problem) throw fail(400, 'weak_password', problem);
  const passwordHash = await hashPassword(newPassword, deps.config.passwordHashCost);

  const result = await deps.db.tx(async (q) => {
    let account: AccountRow;
    if (data.path === 'letter') {
      account = (await accountById(q, data.accountId!, true))!;
      const cred = await q.query(
        'UPDATE credential SET used_at = $2 WHERE id = $1 AND voided_at IS NULL AND used_at IS NULL AND expires_at > $2 RETURNING id',
        [data.credentialId, deps.clock.now()],
      );
      if (!cred.length) return { error: fail(410, 'letter_expired', MSG.letterExpired) };
    } else {
      const existing = await accountsOf(q, data.records);
      if (existing.some((a) => a.state === 'activated')) return { error: fail(409, 'already_activated', MSG.phoneAlreadyActivated) };
      account = existing[0] ?? (await createAccount(q, deps, { lastName: person.last_name, firstName: person.first_name }, 'none', []));
      // Records of this person held by other (letter-only) accounts come under the one activated now.
      for (const other of existing.slice(1)) {
        await q.query("UPDATE account SET state = 'merged', merged_into = $2, updated_at = $3, version = version + 1 WHERE id = $1", [
          other.id,
          account.id,
          deps.clock.now(),
        ]);
        await q.query('UPDATE credential SET voided_at = $2 WHERE account_id = $1 AND voided_at IS NULL', [other.id, deps.clock.now()]);
      }
      for (const r of data.records)
        await q.query(
          `INSERT INTO account_guardian (account_id, school_id, guardian_id) VALUES ($1, $2, $3)
           ON CONFLICT (school_id, guardian_id) DO UPDATE SET account_id = EXCLUDED.account_id`,
          [account.id, r.schoolId, r.guardianId],
        );
    }
    const now = deps.clock.now();
    // Any other letter for this account is now useless.
    await q.query('UPDATE credential SET voided_at = $2 WHERE account_id = $1 AND voided_at IS NULL AND used_at IS NULL', [account.id, now]);
    await q.query(
      `UPDATE account SET password_hash = $2, must_change_password = FALSE, email = $3, email_validated = FALSE, state = 'activated',
              activation_path = $4, failed_attempts = 0, locked_until = NULL, version = version + 1, updated_at = $5 WHERE id = $1`,
      [account.id, passwordHash, email.value, data.path, now],
    );
    await emitForAccount(q, deps, account.id, (guardianId) => ({ kind: 'account.activated', guardianId, login: account.login, path: data.path }));
    // Reports filed before the account existed belong to it now (its children list hides them).
    if (data.reportIds?.length)
      await q.query('UPDATE report SET account_id = $1 WHERE id = ANY($2::text[]) AND account_id IS NULL', [account.id, data.reportIds]);
    await endSession(q, session.tokenHash);
    const s = await createSession(q, deps, 'account', account.id, {});
    return { account, session: s };
  });
  if ('error' in result) throw result.error;
  const sent = await sendEmailValidation(deps, result.account.id, result.account.login, email.value);
  return {
    login: result.account.login,
    sessionToken: result.session.token,
    expiresAt: result.session.expiresAt,
    message: sent ? MSG.activationDone : `${MSG.activationDone.split('.')[0]}. ${MSG.emailFailed}`,
  };
}
