import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, normaliseEmail, suggestEmailDomain } from './emails';
import { messyString } from './testArbitraries';

describe('normaliseEmail', () => {
  it.each([
    ['  Jean.Dupont@Gmail.com ', 'jean.dupont@gmail.com'],
    ['JEAN.DUPONT@ORANGE.FR', 'jean.dupont@orange.fr'],
    ['mailto:jean@free.fr', 'jean@free.fr'],
    ['MAILTO:jean@free.fr', 'jean@free.fr'],
    ['<jean@free.fr>', 'jean@free.fr'],
    ['Jean Dupont <jean@free.fr>', 'jean@free.fr'],
    ['"jean@free.fr"', 'jean@free.fr'],
    ['jean@free.fr;', 'jean@free.fr'],
    ['jean @ gmail . com', 'jean@gmail.com'],
    ['jean\u00A0@gmail.com', 'jean@gmail.com'],
    ['jean\u200B@gmail.com', 'jean@gmail.com'],
    ['jean＠gmail.com', 'jean@gmail.com'],
    ['marie-claire.o\'neil+ecole@ac-lyon.fr', "marie-claire.o'neil+ecole@ac-lyon.fr"],
    ['élève@école.fr', 'élève@école.fr'],
    ['user@xn--cole-bpa.fr', 'user@xn--cole-bpa.fr'],
    ['a@sub.domain.co.uk', 'a@sub.domain.co.uk'],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseEmail(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['néant', 'placeholder'],
    ['NEANT', 'placeholder'],
    ["pas d'email", 'placeholder'],
    ['Pas de mail', 'placeholder'],
    ['-', 'placeholder'],
    ['x', 'placeholder'],
    ['/', 'placeholder'],
    ['aucun', 'placeholder'],
    ['a@b.fr ; c@d.fr', 'several'],
    ['a@b.fr, c@d.fr', 'several'],
    ['a@b.fr / c@d.fr', 'several'],
    ['a@b.fr et c@d.fr', 'several'],
    ['a@b.fr c@d.fr', 'several'],
    ['a@@b.fr', 'several_at'],
    ['jean.dupont.gmail.com', 'no_at'],
    ['jean dupont@gmail.com', 'spaces'],
    ['@gmail.com', 'local_missing'],
    ['jean@', 'domain_missing'],
    ['jean@gmail', 'domain_no_tld'],
    ['jean@gmail.com.', 'domain_trailing_dot'],
    ['jean@gmail..com', 'domain_dots'],
    ['jean..dupont@gmail.com', 'local_dots'],
    ['.jean@gmail.com', 'local_dots'],
    ['jean.@gmail.com', 'local_dots'],
    ['jean@gmail.c0m', 'tld_invalid'],
    ['jean@gmail.c', 'tld_invalid'],
    ['jean@-gmail.com', 'domain_invalid'],
    ['jean@gm_ail.com', 'domain_invalid'],
    ['je(an)@gmail.com', 'local_invalid'],
    [`${'a'.repeat(65)}@gmail.com`, 'too_long'],
  ])('%j is refused with code %s', (raw, code) => {
    const r = normaliseEmail(raw);
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) expect(r.message).toMatch(/^[A-ZÀ-Ý«L’]/);
  });

  it('messages never repeat the address', () => {
    for (const raw of ['jean dupont@gmail.com', 'jean@gmail..com', 'jean@@gmail.com', 'jean@gmail']) {
      const r = normaliseEmail(raw);
      if (!r.ok) expect(r.message).not.toContain('jean');
    }
  });

  const local = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9._+-]{0,15}$/).filter((s) => !s.includes('..') && !s.endsWith('.'));
  const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
  const tld = fc.constantFrom('fr', 'com', 'net', 'org', 'be', 'education');
  const email = fc.tuple(local, fc.array(label, { minLength: 1, maxLength: 3 }), tld).map(([l, ls, t]) => `${l}@${[...ls, t].join('.')}`);

  it('accepts well-formed addresses, lower-cased, and is idempotent', () => {
    fc.assert(
      fc.property(email, fc.constantFrom('', ' ', 'mailto:'), fc.boolean(), (e, prefix, upper) => {
        const r = normaliseEmail(`${prefix}${upper ? e.toUpperCase() : e} `);
        expect(r).toEqual({ ok: true, value: e.toLowerCase() });
        if (r.ok) expect(normaliseEmail(r.value)).toEqual(r);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws, and what it accepts has exactly one @ and no space', () => {
    fc.assert(
      fc.property(messyString, (raw) => {
        const r = normaliseEmail(raw);
        if (r.ok) {
          expect(r.value.split('@')).toHaveLength(2);
          expect(r.value).not.toMatch(/\s/);
          expect(normaliseEmail(r.value)).toEqual(r);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('suggestEmailDomain', () => {
  it.each([
    ['jean@gmial.com', 'jean@gmail.com'],
    ['jean@gmai.com', 'jean@gmail.com'],
    ['jean@gmail.fr', 'jean@gmail.com'],
    ['jean@gmail.con', 'jean@gmail.com'],
    ['jean@gmail.cmo', 'jean@gmail.com'],
    ['jean@gmail.co', 'jean@gmail.com'],
    ['jean@gmailcom', 'jean@gmail.com'],
    ['jean@hotmial.fr', 'jean@hotmail.fr'],
    ['jean@hotmail.ft', 'jean@hotmail.fr'],
    ['jean@hotmail.frr', 'jean@hotmail.fr'],
    ['jean@homail.com', 'jean@hotmail.com'],
    ['jean@yahoo.ft', 'jean@yahoo.fr'],
    ['jean@yahooo.fr', 'jean@yahoo.fr'],
    ['jean@wanadoo.ff', 'jean@wanadoo.fr'],
    ['jean@orange.ft', 'jean@orange.fr'],
    ['jean@orange.fr.', 'jean@orange.fr'],
    ['jean@outlok.fr', 'jean@outlook.fr'],
    ['jean@laposte.fr', 'jean@laposte.net'],
    ['jean@free.ft', 'jean@free.fr'],
    ['jean@fre.fr', 'jean@free.fr'],
    ['jean@sfr.ft', 'jean@sfr.fr'],
    ['jean@icloud.con', 'jean@icloud.com'],
    ['Jean@GMIAL.COM', 'jean@gmail.com'],
  ])('%s → %s', (typo, suggestion) => {
    expect(suggestEmailDomain(typo)).toBe(suggestion);
  });

  it.each([
    'jean@gmail.com', 'jean@hotmail.fr', 'jean@laposte.net', 'jean@mail.com', 'jean@live.com', 'jean@gmx.fr',
    'jean@ac-lyon.fr', 'jean@ac-creteil.fr', 'jean@mairie-paris.fr', 'jean@aol.fr', 'jean@yahoo.com', 'jean@me.com',
    'pas une adresse', '', '@gmial.com', 'jean@',
  ])('%j gets no suggestion', (email) => {
    expect(suggestEmailDomain(email)).toBeNull();
  });

  it('suggests only valid addresses on a frequent domain', () => {
    const r = suggestEmailDomain('jean@gmial.com');
    expect(r && normaliseEmail(r)).toEqual({ ok: true, value: 'jean@gmail.com' });
  });

  it('editDistance counts transpositions as one edit', () => {
    expect(editDistance('gmial', 'gmail')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('hotmail.fr', 'hotmail.fr')).toBe(0);
  });
});
