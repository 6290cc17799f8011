import type { LetterResult } from '../../../shared/service-api/school';
import { accountOfGuardian, createAccount } from '../accounts';
import type { Deps } from '../deps';
import { addMonths, iso } from '../deps';
import { emitFeed } from '../feed';
import type { SchoolRow } from '../http';
import { hashPassword, temporaryPassword } from '../security/crypto';

/**
 * Issues letter credentials: an identifier and a temporary password valid N months. A new issue
 * voids the previous one. The password is returned once and only its hash is kept.
 */
export async function issueLetters(deps: Deps, school: SchoolRow, guardianIds: string[], reissue: boolean): Promise<LetterResult[]> {
  const ids = [...new Set(guardianIds)];
  // Unknown ids are refused before any hashing: scrypt is the expensive part of a letter.
  const known = new Set(
    (
      await deps.db.query<{ id: string }>('SELECT id FROM guardian WHERE school_id = $1 AND id = ANY($2::text[]) AND NOT deleted', [school.id, ids])
    ).map((r) => r.id),
  );
  // Hash a few at a time: node's scrypt runs on the libuv thread pool (4 threads).
  const secrets = new Map<string, { password: string; hash: string }>();
  const toHash = ids.filter((id) => known.has(id));
  for (let i = 0; i < toHash.length; i += 4) {
    await Promise.all(
      toHash.slice(i, i + 4).map(async (id) => {
        const password = temporaryPassword();
        secrets.set(id, { password, hash: await hashPassword(password, deps.config.passwordHashCost) });
      }),
    );
  }
  const out: LetterResult[] = [];
  for (const guardianId of ids) {
    const secret = secrets.get(guardianId);
    out.push(
      secret
        ? await issueOne(deps, school, guardianId, reissue, secret.password, secret.hash)
        : { guardianId, status: 'refused', code: 'unknown_guardian', reason: UNKNOWN_GUARDIAN },
    );
  }
  return out;
}

const UNKNOWN_GUARDIAN = 'Responsable inconnu du service : synchronisez avant d’imprimer.';

async function issueOne(
  deps: Deps,
  school: SchoolRow,
  guardianId: string,
  reissue: boolean,
  password: string,
  hash: string,
): Promise<LetterResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await deps.db.tx(async (q): Promise<LetterResult> => {
        const refuse = (code: Extract<LetterResult, { status: 'refused' }>['code'], reason: string): LetterResult => ({
          guardianId,
          status: 'refused',
          code,
          reason,
        });
        const g = (
          await q.query<{ last_name: string; first_name: string }>(
            'SELECT last_name, first_name FROM guardian WHERE school_id = $1 AND id = $2 AND NOT deleted',
            [school.id, guardianId],
          )
        )[0];
        if (!g) return refuse('unknown_guardian', UNKNOWN_GUARDIAN);
        const children = await q.query(
          `SELECT 1 FROM guardianship l JOIN student s ON s.school_id = l.school_id AND s.id = l.student_id AND NOT s.deleted
           WHERE l.school_id = $1 AND l.guardian_id = $2 AND NOT l.deleted LIMIT 1`,
          [school.id, guardianId],
        );
        if (!children.length) return refuse('no_children', 'Aucun enfant rattaché à ce responsable dans le service.');

        const now = deps.clock.now();
        let account = await accountOfGuardian(q, school.id, guardianId, true);
        if (account?.state === 'activated' && !reissue)
          return refuse('already_activated', 'Compte déjà activé : un nouveau courrier n’est envoyé que sur demande (réédition).');
        if (account?.state === 'blocked') return refuse('blocked', 'Compte bloqué.');
        if (account?.state === 'merged') return refuse('merged', 'Compte regroupé avec un autre compte.');
        if (!account) account = await createAccount(q, deps, { lastName: g.last_name, firstName: g.first_name }, 'notified', [
          { schoolId: school.id, guardianId },
        ]);
        else if (account.state === 'none')
          await q.query("UPDATE account SET state = 'notified', version = version + 1, updated_at = $2 WHERE id = $1", [account.id, now]);

        await q.query('UPDATE credential SET voided_at = $2 WHERE account_id = $1 AND voided_at IS NULL AND used_at IS NULL', [account.id, now]);
        const expiresAt = addMonths(now, deps.config.letterValidityMonths);
        await q.query(
          'INSERT INTO credential (id, account_id, school_id, guardian_id, secret_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [deps.newId(), account.id, school.id, guardianId, hash, now, expiresAt],
        );
        await emitFeed(q, deps, school.id, { kind: 'account.notified', guardianId, login: account.login, letterExpiresAt: iso(expiresAt) });
        return { guardianId, status: 'issued', login: account.login, temporaryPassword: password, expiresAt: iso(expiresAt) };
      });
    } catch (err) {
      // Two printers racing on one guardian or one login: try again, the second sees the first.
      if (attempt < 3 && String((err as { code?: unknown })?.code) === '23505') continue;
      throw err;
    }
  }
}
