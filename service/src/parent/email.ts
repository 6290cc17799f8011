import type { Deps } from '../deps';
import { addMs } from '../deps';
import { HttpError } from '../errors';
import { emitForAccount } from '../feed';
import { MSG } from '../messages';
import { randomToken, sha256 } from '../security/crypto';

/** Sends the email-validation link; false when the mail could not be handed to the server. */
export async function sendEmailValidation(deps: Deps, accountId: string, login: string, email: string): Promise<boolean> {
  const token = randomToken();
  const now = deps.clock.now();
  await deps.db.query(
    "INSERT INTO verification (id, kind, account_id, secret_hash, data, created_at, expires_at) VALUES ($1, 'email_validation', $2, $3, $4::jsonb, $5, $6)",
    [deps.newId(), accountId, sha256(token), JSON.stringify({ email }), now, addMs(now, deps.config.emailValidationTtlMs)],
  );
  const link = `${deps.config.publicUrl}/parent/v1/email/validate?token=${token}`;
  try {
    await deps.notifier.email({
      to: email,
      subject: 'Validez votre adresse de courrier électronique',
      text: [
        'Bonjour,',
        '',
        `Pour valider l’adresse de courrier électronique de votre compte (identifiant : ${login}), cliquez sur le lien suivant :`,
        link,
        '',
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
      ].join('\n'),
    });
    return true;
  } catch {
    return false;
  }
}

export async function validateEmail(deps: Deps, token: string): Promise<{ message: string }> {
  const ok = await deps.db.tx(async (q) => {
    const v = (
      await q.query<{ id: string; account_id: string; data: { email: string }; expires_at: Date; used_at: Date | null; dead: boolean }>(
        "SELECT id, account_id, data, expires_at, used_at, dead FROM verification WHERE secret_hash = $1 AND kind = 'email_validation' FOR UPDATE",
        [sha256(token)],
      )
    )[0];
    const now = deps.clock.now();
    if (!v || v.used_at || v.dead || new Date(v.expires_at).getTime() <= now.getTime()) return false;
    await q.query('UPDATE verification SET used_at = $2 WHERE id = $1', [v.id, now]);
    // A link for an address the account no longer has validates nothing.
    const rows = await q.query<{ login: string; email_validated: boolean }>(
      'UPDATE account SET email_validated = TRUE, updated_at = $3, version = version + 1 WHERE id = $1 AND email = $2 RETURNING login, email_validated',
      [v.account_id, v.data.email, now],
    );
    const account = rows[0];
    if (!account) return false;
    await emitForAccount(q, deps, v.account_id, (guardianId) => ({ kind: 'email.validated', guardianId, login: account.login }));
    return true;
  });
  if (!ok) throw new HttpError(400, 'link_invalid', MSG.linkInvalid);
  return { message: MSG.emailValidated };
}
