import type { AccountView } from '../../../shared/contract/sync';
import type { CoreContext } from '../context';

const STATES = new Set(['none', 'notified', 'activated', 'blocked', 'merged']);

export function accountOf(ctx: CoreContext, guardianId: string): AccountView | null {
  const r = ctx.db.get<{ state: string; activation_path: string | null; email_validated: number; letter_expires_at: string | null; updated_at: string }>(
    'SELECT state, activation_path, email_validated, letter_expires_at, updated_at FROM account WHERE guardian_id = ?',
    [guardianId],
  );
  if (!r) return null;
  return {
    state: (STATES.has(r.state) ? r.state : 'none') as AccountView['state'],
    activationPath: r.activation_path === 'letter' || r.activation_path === 'sms' ? r.activation_path : null,
    emailValidated: Number(r.email_validated) === 1,
    letterExpiresAt: r.letter_expires_at,
    updatedAt: r.updated_at,
  };
}
