import { normaliseEmail } from '../../../shared/domain/emails';
import { accountByLogin, type AccountRow } from '../accounts';
import type { Queryable } from '../db/types';
import type { Deps } from '../deps';
import { addMs } from '../deps';
import { HttpError } from '../errors';
import { MSG } from '../messages';
import { codeHash, hashPassword, randomDigits, randomToken, sha256 } from '../security/crypto';
import { passwordProblem } from '../security/passwordPolicy';
import { consumeCode, parentPhone } from './activation';
import { sendEmailValidation } from './email';
import { limitAccount, limitTarget } from './guards';

const fail = (status: number, code: string, message: string) => new HttpError(status, code, message);

/** Logins of the accounts covering guardian records that hold this contact (merged ones lead to the main account). */
async function loginsByContact(q: Queryable, column: 'email' | 'phone', value: string): Promise<string[]> {
  const rows = await q.query<{ login: string }>(
    `SELECT DISTINCT coalesce(m.login, a.login) AS login
       FROM guardian g
       JOIN account_guardian ag ON ag.school_id = g.school_id AND ag.guardian_id = g.id
       JOIN account a ON a.id = ag.account_id
       LEFT JOIN account m ON m.id = a.merged_into
      WHERE g.${column} = $1 AND NOT g.deleted AND a.state IN ('notified', 'activated')
     ${column === 'email' ? "UNION SELECT login FROM account WHERE email = $1 AND email_validated AND state = 'activated'" : ''}
      ORDER BY login`,
    [value],
  );
  return rows.map((r) => r.login);
}

/**
 * "Identifiant perdu": the identifier goes to the email or phone on file, never in the answer,
 * and the answer is the same whether the contact is known or not.
 */
export async function recoverIdentifier(deps: Deps, input: { email: string } | { phone: string }) {
  if ('email' in input) {
    const email = normaliseEmail(input.email);
    if (!email.ok) throw fail(400, 'email_invalid', MSG.emailInvalid);
    limitTarget(deps, email.value);
    const logins = await loginsByContact(deps.db, 'email', email.value);
    if (logins.length)
      await deps.notifier
        .email({
          to: email.value,
          subject: 'Votre identifiant',
          text: ['Bonjour,', '', `Votre identifiant : ${logins.join(', ')}`, '', 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.'].join('\n'),
        })
        .catch(() => undefined);
  } else {
    const phone = parentPhone(input.phone);
    limitTarget(deps, phone);
    const logins = await loginsByContact(deps.db, 'phone', phone);
    if (logins.length) await deps.notifier.sms({ to: phone, text: `Votre identifiant : ${logins.join(', ')}` }).catch(() => undefined);
  }
  return { message: MSG.identifierSent };
}

async function phoneOf(q: Queryable, accountId: string): Promise<string | null> {
  const rows = await q.query<{ phone: string }>(
    `SELECT g.phone FROM account_guardian ag JOIN guardian g ON g.school_id = ag.school_id AND g.id = ag.guardian_id
      WHERE ag.account_id = $1 AND NOT g.deleted AND g.phone IS NOT NULL ORDER BY g.updated_at DESC LIMIT 1`,
    [accountId],
  );
  return rows[0]?.phone ?? null;
}

/** "Mot de passe perdu": a link by email (validated address only) or a code by SMS (phone on file). */
export async function startPasswordReset(deps: Deps, login: string, channel: 'email' | 'sms') {
  limitAccount(deps, login);
  const account = await accountByLogin(deps.db, login);
  const generic = channel === 'email' ? { message: MSG.resetEmailSent } : { message: MSG.resetSmsSent, requestId: deps.newId() };
  if (!account) return generic;
  if (account.state === 'merged') throw fail(409, 'merged', MSG.accountMerged);
  if (account.state !== 'activated' || !account.password_hash) throw fail(409, 'never_used', MSG.resetNeverUsed);
  const now = deps.clock.now();
  if (channel === 'email') {
    if (!account.email_validated || !account.email) {
      if (account.email) {
        limitTarget(deps, account.email);
        await sendEmailValidation(deps, account.id, account.login, account.email);
      }
      throw fail(409, 'email_not_validated', MSG.resetEmailNotValidated);
    }
    limitTarget(deps, account.email);
    const token = randomToken();
    await deps.db.query(
      "INSERT INTO verification (id, kind, account_id, secret_hash, created_at, expires_at) VALUES ($1, 'password_reset_email', $2, $3, $4, $5)",
      [deps.newId(), account.id, sha256(token), now, addMs(now, deps.config.resetLinkTtlMs)],
    );
    const link = `${deps.config.publicUrl}/mot-de-passe-perdu?token=${token}`;
    try {
      await deps.notifier.email({
        to: account.email,
        subject: 'Réinitialisation de votre mot de passe',
        text: [
          'Bonjour,',
          '',
          `Une demande de changement de mot de passe a été faite pour le compte ${account.login}. Pour choisir un nouveau mot de passe, cliquez sur le lien suivant (valable une heure) :`,
          link,
          '',
          'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
        ].join('\n'),
      });
    } catch {
      throw fail(502, 'email_failed', MSG.emailFailed);
    }
    return generic;
  }
  const phone = await phoneOf(deps.db, account.id);
  if (!phone) throw fail(409, 'no_phone', MSG.resetNoPhone);
  limitTarget(deps, phone);
  const id = generic.requestId!;
  const code = randomDigits(6);
  await deps.db.query(
    "INSERT INTO verification (id, kind, account_id, phone, secret_hash, created_at, expires_at) VALUES ($1, 'password_reset_sms', $2, $3, $4, $5, $6)",
    [id, account.id, phone, codeHash(deps.config.codeKey, id, code), now, addMs(now, deps.config.smsCodeTtlMs)],
  );
  try {
    await deps.notifier.sms({ to: phone, text: `Code de réinitialisation de votre mot de passe : ${code}. Valable 30 minutes.` });
  } catch {
    await deps.db.query('UPDATE verification SET dead = TRUE WHERE id = $1', [id]);
    throw fail(502, 'sms_failed', MSG.smsFailed);
  }
  return generic;
}

export async function completePasswordReset(
  deps: Deps,
  input: { token: string; newPassword: string } | { requestId: string; code: string; newPassword: string },
) {
  let accountId: string;
  if ('token' in input) {
    const v = (
      await deps.db.query<{ account_id: string }>(
        "SELECT account_id FROM verification WHERE secret_hash = $1 AND kind = 'password_reset_email' AND used_at IS NULL AND NOT dead AND expires_at > $2",
        [sha256(input.token), deps.clock.now()],
      )
    )[0];
    if (!v) throw fail(400, 'link_invalid', MSG.linkInvalid);
    accountId = v.account_id;
  } else {
    const v = (await deps.db.query<{ account_id: string }>("SELECT account_id FROM verification WHERE id = $1 AND kind = 'password_reset_sms'", [input.requestId]))[0];
    if (!v) throw fail(400, 'code_retry', MSG.codeRetry);
    accountId = v.account_id;
  }
  const account = (await deps.db.query<AccountRow>('SELECT login FROM account WHERE id = $1', [accountId]))[0]!;
  // The policy is checked before the code or link is spent, so a weak password costs nothing.
  const problem = passwordProblem(input.newPassword, [account.login]);
  if (problem) throw fail(400, 'weak_password', problem);
  if ('code' in input) await consumeCode(deps, input.requestId, input.code, 'password_reset_sms');
  const hash = await hashPassword(input.newPassword, deps.config.passwordHashCost);
  const ok = await deps.db.tx(async (q) => {
    const now = deps.clock.now();
    if ('token' in input) {
      const used = await q.query(
        "UPDATE verification SET used_at = $2 WHERE secret_hash = $1 AND kind = 'password_reset_email' AND used_at IS NULL AND NOT dead AND expires_at > $2 RETURNING id",
        [sha256(input.token), now],
      );
      if (!used.length) return false;
    }
    await q.query(
      'UPDATE account SET password_hash = $2, failed_attempts = 0, locked_until = NULL, version = version + 1, updated_at = $3 WHERE id = $1',
      [accountId, hash, now],
    );
    // Whoever knew the old password is logged out.
    await q.query('DELETE FROM session WHERE account_id = $1', [accountId]);
    return true;
  });
  if (!ok) throw fail(400, 'link_invalid', MSG.linkInvalid);
  return { message: MSG.passwordChanged };
}
