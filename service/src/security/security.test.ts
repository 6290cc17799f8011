import { describe, expect, it } from 'vitest';
import { loginStem } from '../accounts';
import { addMonths } from '../deps';
import { codeHash, hashPassword, randomDigits, temporaryPassword, verifyPassword } from './crypto';
import { passwordProblem } from './passwordPolicy';
import { createRateLimiter } from './rateLimit';

describe('password policy', () => {
  it('refuses short, common, repetitive passwords and ones containing the login or name', () => {
    expect(passwordProblem('court')).toMatch(/trop court/);
    expect(passwordProblem('x'.repeat(129))).toMatch(/trop long/);
    expect(passwordProblem('Azertyuiop12')).toMatch(/trop courant/);
    expect(passwordProblem('abcabcabcabc')).toMatch(/trop courant/);
    expect(passwordProblem('mon p.dupont12 à moi', ['p.dupont12'])).toMatch(/identifiant/);
    expect(passwordProblem('une phrase de passe solide', ['p.dupont12', 'Dupont'])).toBeNull();
  });
});

describe('secrets', () => {
  it('hashes passwords with scrypt and verifies them, never storing the clear text', async () => {
    const hash = await hashPassword('une phrase de passe solide', 1024);
    expect(hash).toMatch(/^scrypt\$1024\$/);
    expect(hash).not.toContain('phrase');
    expect(await verifyPassword('une phrase de passe solide', hash)).toBe(true);
    expect(await verifyPassword('une autre phrase', hash)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
    expect(await verifyPassword('x', null)).toBe(false);
  });

  it('makes random codes and temporary passwords without look-alike characters', () => {
    expect(randomDigits(6)).toMatch(/^\d{6}$/);
    const passwords = Array.from({ length: 50 }, () => temporaryPassword());
    for (const p of passwords) expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{12}$/);
    expect(new Set(passwords).size).toBe(50);
    const key = 'k'.repeat(32);
    expect(codeHash(key, 'r1', '123456')).not.toBe(codeHash(key, 'r2', '123456'));
    // Keyed: without the server's key, a dump of the hashes does not give the codes away.
    expect(codeHash(key, 'r1', '123456')).not.toBe(codeHash('x'.repeat(32), 'r1', '123456'));
    expect(codeHash(key, 'r1', '123456')).toMatch(/^[0-9a-f]{64}$/);
    // Every digit position takes every value (one draw, zero-padded).
    const codes = Array.from({ length: 400 }, () => randomDigits(6));
    for (let pos = 0; pos < 6; pos++) expect(new Set(codes.map((c) => c[pos])).size).toBe(10);
  });
});

describe('rate limiter', () => {
  it('allows max hits per window and key, then again in the next window', () => {
    const rl = createRateLimiter();
    const limit = { max: 2, windowMs: 1000 };
    expect([rl.hit('ip', 'a', limit, 0), rl.hit('ip', 'a', limit, 10), rl.hit('ip', 'a', limit, 20)]).toEqual([true, true, false]);
    expect(rl.hit('ip', 'b', limit, 20)).toBe(true);
    expect(rl.hit('account', 'a', limit, 20)).toBe(true);
    expect(rl.hit('ip', 'a', limit, 1000)).toBe(true);
  });
});

describe('login and dates', () => {
  it('derives an identifier stem a parent can type from a letter', () => {
    expect(loginStem('Dupont', 'Pierre')).toBe('p.dupont');
    expect(loginStem('D’Angelo-Martín', 'Élodie')).toBe('e.dangelomartin');
    expect(loginStem('王', '小明')).toBe('parent');
  });

  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(addMonths(new Date('2026-09-01T08:00:00Z'), 3).toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(addMonths(new Date('2026-11-30T08:00:00Z'), 3).toISOString()).toBe('2027-02-28T08:00:00.000Z');
  });
});
