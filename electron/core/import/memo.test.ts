import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../../shared/domain';
import { createNormalisers } from './memo';

const rnd = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

describe('memoised phone normaliser', () => {
  it('gives exactly what the domain gives, for every style of French number and hint', () => {
    const r = rnd(7);
    const styles = [
      (d: string) => d,
      (d: string) => d.replace(/(\d\d)(?=\d)/g, '$1 '),
      (d: string) => d.replace(/(\d\d)(?=\d)/g, '$1.'),
      (d: string) => d.replace(/(\d\d)(?=\d)/g, '$1-'),
      (d: string) => `+33 ${d.slice(1)}`,
      (d: string) => `+33 ${d[1]} ${d.slice(2).replace(/(\d\d)(?=\d)/g, '$1 ')}`,
      (d: string) => `0033${d.slice(1)}`,
      (d: string) => d.slice(1),
      (d: string) => `+33 (0)${d.slice(1)}`,
      (d: string) => ` ${d}\u00a0`,
    ];
    const hints: Array<[string, string]> = [['', ''], ['75011', ''], ['97110', ''], ['97400', 'France'], ['', 'Belgique'], ['1000', 'Belgique'], ['98000', '']];
    const n = createNormalisers(new Date('2026-09-01'));
    let compared = 0;
    for (let i = 0; i < 6000; i++) {
      const nsn = String(100000000 + Math.floor(r() * 899999999));
      const digits = `0${nsn}`;
      const raw = (styles[i % styles.length] as (d: string) => string)(digits);
      const [pc, country] = hints[Math.floor(r() * hints.length)] as [string, string];
      const expected = normalisePhone(raw, { postalCode: pc || null, country: country || null });
      expect(n.phone(raw, pc, country)).toEqual(expected);
      compared++;
    }
    // Special shapes: placeholders, decimals left by spreadsheets, overseas prefixes.
    for (const raw of ['+33 3 33 33 33 33', '666666666', '612345678', '0702020202', '702020202', '+33 7 02 02 02 02', '06123456.00', '0690 12 34 56', '0508 41 23 45', '0836 01 23 45', '0612345678.0', '06 12 34 56 78 ou 07 12 34 56 78']) {
      expect(n.phone(raw, '', '')).toEqual(normalisePhone(raw, {}));
      compared++;
    }
    expect(compared).toBeGreaterThan(6000);
  });
});

describe('memoised email normaliser', () => {
  it('gives what the domain gives, suggestions included', async () => {
    const { normaliseEmail, suggestEmailDomain } = await import('../../../shared/domain');
    const n = createNormalisers(new Date('2026-09-01'));
    const r = rnd(11);
    const locals = ['marie', 'Jean.Dupont', 'a_b+c', 'x-y', '.lead', 'trail.', 'do..ts', 'MAJ', 'é', 'o’neil', "o'neil", 'a'.repeat(65)];
    const domains = ['gmail.com', 'gmial.com', 'hotmail.fr', 'orange.fr', 'wanadoo.fr', 'laposte.net', 'example.fr', 'exemple.fr', 'free.fr', 'yahoo.fr', 'sfr.fr', 'gmail.con', 'hotmai.fr', 'x.c', '-bad.fr', 'ok-.fr', 'sub.domain.fr', 'GMAIL.COM', 'orange', 'café.fr'];
    for (let i = 0; i < 3000; i++) {
      const local = locals[Math.floor(r() * locals.length)] as string;
      const domain = domains[Math.floor(r() * domains.length)] as string;
      const raw = r() < 0.1 ? ` ${local}@${domain} ` : r() < 0.1 ? `${local}@${domain};` : `${local}@${domain}`;
      const expected = normaliseEmail(raw);
      const got = n.email(raw);
      expect(got.result).toEqual(expected);
      expect(got.suggestion).toEqual(expected.ok ? suggestEmailDomain(expected.value) : null);
    }
  });
});
