import type { Deps } from '../deps';
import { HttpError } from '../errors';
import { MSG } from '../messages';
import { hashPassword, verifyPassword } from '../security/crypto';

export function limitAccount(deps: Deps, login: string): void {
  if (!deps.limiter.hit('account', login.trim().toLowerCase(), deps.config.rateLimits.perAccount, deps.clock.now().getTime()))
    throw new HttpError(429, 'too_many_requests', MSG.tooManyRequests);
}

/** Messages sent to one phone or email address (SMS bombing, mail flooding). */
export function limitTarget(deps: Deps, target: string): void {
  if (!deps.limiter.hit('target', target, deps.config.rateLimits.perTarget, deps.clock.now().getTime()))
    throw new HttpError(429, 'too_many_requests', MSG.tooManyRequests);
}

let dummyHash: Promise<string> | null = null;
/** Spends the time of a real check when the login is unknown, so timing does not tell. */
export async function dummyVerify(deps: Deps, password: string): Promise<false> {
  dummyHash ??= hashPassword('dummy-password-for-timing', deps.config.passwordHashCost);
  await verifyPassword(password, await dummyHash);
  return false;
}

export const isLocked = (deps: Deps, lockedUntil: Date | null): boolean =>
  lockedUntil !== null && new Date(lockedUntil).getTime() > deps.clock.now().getTime();
