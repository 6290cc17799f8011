import { nameKey } from '../../shared/domain/names';
import type { Deps } from './deps';
import type { Queryable } from './db/types';
import { randomInt } from 'node:crypto';

export type AccountState = 'none' | 'notified' | 'activated' | 'blocked' | 'merged';

export interface AccountRow {
  id: string;
  login: string;
  password_hash: string | null;
  must_change_password: boolean;
  email: string | null;
  email_validated: boolean;
  state: AccountState;
  activation_path: 'letter' | 'sms' | null;
  merged_into: string | null;
  failed_attempts: number;
  locked_until: Date | null;
  version: number;
}

export const ACCOUNT_COLUMNS =
  'id, login, password_hash, must_change_password, email, email_validated, state, activation_path, merged_into, failed_attempts, locked_until, version';

export async function accountById(q: Queryable, id: string, forUpdate = false): Promise<AccountRow | undefined> {
  return (await q.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM account WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]))[0];
}

export async function accountByLogin(q: Queryable, login: string): Promise<AccountRow | undefined> {
  return (await q.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM account WHERE login = $1`, [login.trim().toLowerCase()]))[0];
}

/** `p.dupont` from "Pierre DUPONT": ASCII letters only, as parents type it from a letter. */
export function loginStem(lastName: string, firstName: string): string {
  const ascii = (s: string) => nameKey(s).toLowerCase().replace(/[^a-z]/g, '');
  const last = ascii(lastName).slice(0, 16);
  const first = ascii(firstName).slice(0, 1);
  return last && first ? `${first}.${last}` : last || 'parent';
}

/** A free login: the stem plus 2 random digits, more digits when the stem is crowded. */
export async function freeLogin(q: Queryable, lastName: string, firstName: string): Promise<string> {
  const stem = loginStem(lastName, firstName);
  for (let i = 0; i < 30; i++) {
    const digits = i < 10 ? 2 : i < 20 ? 4 : 6;
    const candidate = `${stem}${String(randomInt(10 ** digits)).padStart(digits, '0')}`;
    if (!(await q.query('SELECT 1 FROM account WHERE login = $1', [candidate])).length) return candidate;
  }
  throw new Error('Aucun identifiant libre trouvé');
}

/** Creates an account covering the given guardian records (one person, possibly several schools). */
export async function createAccount(
  q: Queryable,
  deps: Deps,
  person: { lastName: string; firstName: string },
  state: AccountState,
  records: { schoolId: string; guardianId: string }[],
): Promise<AccountRow> {
  const now = deps.clock.now();
  const id = deps.newId();
  const login = await freeLogin(q, person.lastName, person.firstName);
  await q.query(
    'INSERT INTO account (id, login, state, must_change_password, created_at, updated_at) VALUES ($1, $2, $3, TRUE, $4, $4)',
    [id, login, state, now],
  );
  for (const r of records)
    await q.query('INSERT INTO account_guardian (account_id, school_id, guardian_id) VALUES ($1, $2, $3)', [id, r.schoolId, r.guardianId]);
  return (await accountById(q, id))!;
}

/** The account a school's guardian record belongs to, if any. */
export async function accountOfGuardian(q: Queryable, schoolId: string, guardianId: string, forUpdate = false): Promise<AccountRow | undefined> {
  const link = await q.query<{ account_id: string }>('SELECT account_id FROM account_guardian WHERE school_id = $1 AND guardian_id = $2', [
    schoolId,
    guardianId,
  ]);
  return link[0] ? accountById(q, link[0].account_id, forUpdate) : undefined;
}
