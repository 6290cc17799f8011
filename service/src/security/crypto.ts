import { createHash, createHmac, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

/** Opaque bearer secret (session, school token, email link): 256 random bits, URL-safe. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** High-entropy secrets (tokens, links) are looked up by this hash; never stored in clear. */
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/**
 * An SMS code at rest: HMAC-SHA256 under a server key that is not in the database, tied to its
 * request so that equal codes of two requests differ. A plain hash of a 6-digit code would fall to
 * a million guesses from a database dump; a slow hash would cost every request and buy nothing
 * here, since the code lives 30 minutes and allows one try per SMS sent (rate-limited per phone).
 */
export const codeHash = (key: string | Buffer, requestId: string, code: string): string =>
  createHmac('sha256', key).update(`${requestId}:${code}`).digest('hex');

/** Uniform n-digit code, zero-padded (one draw: randomInt per digit costs a crypto call each). */
export const randomDigits = (n: number): string => String(randomInt(0, 10 ** n)).padStart(n, '0');

// No look-alikes (0/O, 1/l/I) : the password is typed from a printed letter.
const LETTER_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 12 characters of 56: about 70 bits. */
export const temporaryPassword = (length = 12): string =>
  Array.from({ length }, () => LETTER_ALPHABET[randomInt(LETTER_ALPHABET.length)]).join('');

const scryptAsync = (password: string, salt: Buffer, cost: number): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, 32, { N: cost, r: 8, p: 1, maxmem: 256 * cost * 8 + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );

/** scrypt, self-describing: `scrypt$N$salt$hash` (so the cost can rise later). */
export async function hashPassword(password: string, cost: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, cost);
  return `scrypt$${cost}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parts = (stored ?? '').split('$');
  if (parts.length !== 4 || parts[0] !== 'scrypt') return false;
  const cost = Number(parts[1]);
  const expected = Buffer.from(parts[3] ?? '', 'base64url');
  const key = await scryptAsync(password, Buffer.from(parts[2] ?? '', 'base64url'), cost);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Comparing a hash we computed with one stored: constant time. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
