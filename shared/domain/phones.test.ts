import fc from 'fast-check';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { messyString } from './testArbitraries';
import { formatPhone, maskPhone, normalisePhone, phoneDigitsKey, type PhoneHint } from './phones';

const e164 = (raw: string, hint?: PhoneHint) => {
  const r = normalisePhone(raw, hint);
  if (!r.ok) throw new Error(`expected ok for ${JSON.stringify(raw)}: ${r.message}`);
  return r.value.e164;
};

describe('normalisePhone: metropolitan France', () => {
  it.each([
    '06 12 34 56 78', '0612345678', '06.12.34.56.78', '06-12-34-56-78', '06/12/34/56/78', '(06) 12 34 56 78',
    '+33 6 12 34 56 78', '+33612345678', '+33 (0)6 12 34 56 78', '+330612345678', '0033 6 12 34 56 78',
    '0033612345678', '33 6 12 34 56 78', '33612345678', "'0612345678", 'Tél : 06 12 34 56 78', 'Port. 06 12 34 56 78',
    '０６１２３４５６７８', ' 06 12 34 56 78\u00A0', '06,12,34,56,78', '06 12 34 56 78 ;',
  ])('%j → +33612345678 mobile FR', (raw) => {
    expect(normalisePhone(raw)).toEqual({ ok: true, value: { e164: '+33612345678', kind: 'mobile', region: 'FR' } });
  });

  it('repairs a leading zero dropped by a spreadsheet, with a warning', () => {
    for (const raw of ['612345678', '6 12 34 56 78', '6.12345678E+08', '612345678.0']) {
      const r = normalisePhone(raw);
      expect(r).toMatchObject({ ok: true, value: { e164: '+33612345678' }, warning: { code: 'missing_leading_zero' } });
    }
  });

  it('refuses a number Excel turned into scientific notation with lost digits', () => {
    expect(normalisePhone('6,12346E+08')).toMatchObject({ ok: false, code: 'excel_damaged' });
  });

  it('gives the kind of line', () => {
    expect(normalisePhone('01 23 45 67 89')).toMatchObject({ ok: true, value: { kind: 'fixed', region: 'FR' } });
    expect(normalisePhone('07 81 23 45 67')).toMatchObject({ ok: true, value: { kind: 'mobile' } });
    expect(normalisePhone('09 51 23 45 67')).toMatchObject({ ok: true, value: { kind: 'fixed' } });
    expect(normalisePhone('08 00 12 34 56')).toMatchObject({ ok: true, value: { kind: 'other' } });
  });

  it('refuses with a precise reason', () => {
    expect(normalisePhone('06 12 34 56 7')).toEqual({
      ok: false,
      code: 'too_short',
      message: 'Numéro de téléphone incomplet : 9 chiffres au lieu de 10.',
    });
    expect(normalisePhone('06 12 34 56 789')).toMatchObject({ ok: false, code: 'too_long' });
    expect(normalisePhone('06 12 34')).toMatchObject({ ok: false, code: 'too_short' });
    expect(normalisePhone('')).toMatchObject({ ok: false, code: 'empty' });
    expect(normalisePhone('néant')).toMatchObject({ ok: false, code: 'letters' });
    expect(normalisePhone('06 12 34 56 78 poste 12')).toMatchObject({ ok: false, code: 'letters' });
    expect(normalisePhone('06 12 34 56 7O')).toMatchObject({ ok: false, code: 'letters' });
    expect(normalisePhone('0612345678 / 0698765432')).toMatchObject({ ok: false, code: 'several' });
    expect(normalisePhone('06 12 34 56 78 ou 01 23 45 67 89')).toMatchObject({ ok: false, code: 'several' });
    expect(normalisePhone('00 00 00 00 00')).toMatchObject({ ok: false, code: 'placeholder' });
    expect(normalisePhone('-')).toMatchObject({ ok: false, code: 'no_digit' });
    expect(normalisePhone('1234567890')).toMatchObject({ ok: false, code: 'invalid' });
    expect(normalisePhone('06#12345678')).toMatchObject({ ok: false, code: 'invalid_character' });
    expect(normalisePhone('+999 123 456 789')).toMatchObject({ ok: false, code: 'unknown_country_code' });
    expect(normalisePhone('+33 1 23')).toMatchObject({ ok: false, code: 'too_short' });
  });

  it('messages never repeat the number', () => {
    for (const raw of ['06 12 34 56 7', '06 12 34 56 789', '+33 1 23', '0612345678 / 0698765432']) {
      const r = normalisePhone(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).not.toMatch(/12 ?34 ?56/);
    }
  });
});

describe('normalisePhone: French overseas', () => {
  it.each([
    ['0690 12 34 56', '+590690123456', 'GP', 'mobile'],
    ['0691 28 12 34', '+590691281234', 'GP', 'mobile'],
    ['0590 81 12 34', '+590590811234', 'GP', 'fixed'],
    ['0694 20 12 34', '+594694201234', 'GF', 'mobile'],
    ['0594 30 12 34', '+594594301234', 'GF', 'fixed'],
    ['0696 12 34 56', '+596696123456', 'MQ', 'mobile'],
    ['0697 12 34 56', '+596697123456', 'MQ', 'mobile'],
    ['0596 61 12 34', '+596596611234', 'MQ', 'fixed'],
    ['0692 12 34 56', '+262692123456', 'RE', 'mobile'],
    ['0693 12 34 56', '+262693123456', 'RE', 'mobile'],
    ['0262 21 12 34', '+262262211234', 'RE', 'fixed'],
    ['0639 12 34 56', '+262639123456', 'YT', 'mobile'],
    ['0269 61 23 45', '+262269612345', 'YT', 'fixed'],
    ['0508 41 12 34', '+508411234', 'PM', 'fixed'],
  ])('%j → %s (%s, %s)', (raw, expected, region, kind) => {
    expect(normalisePhone(raw)).toEqual({ ok: true, value: { e164: expected, region, kind } });
  });

  it('parses numbers written internationally', () => {
    expect(e164('+590 690 12 34 56')).toBe('+590690123456');
    expect(e164('00590690123456')).toBe('+590690123456');
    expect(e164('590690123456')).toBe('+590690123456');
    expect(e164('+262 692 12 34 56')).toBe('+262692123456');
    expect(e164('+687 75 12 34')).toBe('+687751234');
    expect(e164('+689 87 12 34 56')).toBe('+68987123456');
    expect(e164('+681 72 12 34')).toBe('+681721234');
    expect(normalisePhone('+687 75 12 34')).toMatchObject({ ok: true, value: { region: 'NC' } });
    expect(normalisePhone('+689 87 12 34 56')).toMatchObject({ ok: true, value: { region: 'PF', kind: 'mobile' } });
  });

  it('corrects +33 put in front of an overseas number (the "indicatif" problem)', () => {
    const r = normalisePhone('+33 6 90 12 34 56');
    expect(r).toMatchObject({ ok: true, value: { e164: '+590690123456', region: 'GP' }, warning: { code: 'wrong_country_code' } });
    expect(normalisePhone('+33 692 12 34 56')).toMatchObject({ ok: true, value: { e164: '+262692123456', region: 'RE' } });
  });

  it('places a missing-zero overseas number by its prefix', () => {
    expect(normalisePhone('690123456')).toMatchObject({ ok: true, value: { e164: '+590690123456' }, warning: { code: 'missing_leading_zero' } });
  });

  it('uses the postal code to tell Saint-Martin and Saint-Barthélemy from Guadeloupe', () => {
    expect(normalisePhone('0690 22 12 34', { postalCode: '97150' })).toMatchObject({ ok: true, value: { region: 'MF' } });
    expect(normalisePhone('0590 27 12 34', { postalCode: '97133' })).toMatchObject({ ok: true, value: { region: 'BL' } });
    expect(normalisePhone('0690 22 12 34', { postalCode: '97110' })).toMatchObject({ ok: true, value: { region: 'GP' } });
  });

  it('uses the postal code for closed plans (Nouvelle-Calédonie, Polynésie, Wallis)', () => {
    expect(normalisePhone('75 12 34', { postalCode: '98800' })).toEqual({ ok: true, value: { e164: '+687751234', kind: 'mobile', region: 'NC' } });
    expect(normalisePhone('87 12 34 56', { postalCode: '98714' })).toMatchObject({ ok: true, value: { e164: '+68987123456', region: 'PF' } });
    expect(normalisePhone('72 12 34', { postalCode: '98600' })).toMatchObject({ ok: true, value: { e164: '+681721234', region: 'WF' } });
  });

  it('keeps a metropolitan mobile metropolitan even for an overseas address', () => {
    expect(normalisePhone('06 12 34 56 78', { postalCode: '97110' })).toMatchObject({ ok: true, value: { e164: '+33612345678', region: 'FR' } });
  });
});

describe('normalisePhone: abroad', () => {
  it('parses international numbers', () => {
    expect(normalisePhone('+32 471 23 45 67')).toEqual({ ok: true, value: { e164: '+32471234567', kind: 'mobile', region: 'BE' } });
    expect(e164('0032 471 23 45 67')).toBe('+32471234567');
    expect(e164('+32 (0)471 23 45 67')).toBe('+32471234567');
    expect(e164('+32 0471 23 45 67')).toBe('+32471234567');
    expect(e164('+41 79 123 45 67')).toBe('+41791234567');
    expect(e164('+212 6 61 23 45 67')).toBe('+212661234567');
    expect(e164('+44 7911 123456')).toBe('+447911123456');
  });

  it.each([
    ['0471 23 45 67', 'Belgique', '+32471234567', 'BE'],
    ['0471 23 45 67', 'BE', '+32471234567', 'BE'],
    ['079 123 45 67', 'Suisse', '+41791234567', 'CH'],
    ['0661 23 45 67', 'Maroc', '+212661234567', 'MA'],
    ['0151 23456789', 'Allemagne', '+4915123456789', 'DE'],
    ['07911 123456', 'Royaume-Uni', '+447911123456', 'GB'],
    ['612 34 56 78', 'Espagne', '+34612345678', 'ES'],
    ['912 345 678', 'Portugal', '+351912345678', 'PT'],
    ['0551 23 45 67', 'Algérie', '+213551234567', 'DZ'],
    ['20 123 456', 'Tunisie', '+21620123456', 'TN'],
  ])('%j with country %j → %s', (raw, country, expected, region) => {
    expect(normalisePhone(raw, { country, postalCode: '1000' })).toMatchObject({ ok: true, value: { e164: expected, region } });
  });

  it('falls back to France when the number is French despite a foreign address', () => {
    expect(normalisePhone('06 12 34 56 78', { country: 'Belgique' })).toMatchObject({ ok: true, value: { e164: '+33612345678', region: 'FR' } });
  });

  it('explains a number valid neither abroad nor in France', () => {
    const r = normalisePhone('0471 23', { country: 'Belgique' });
    expect(r).toMatchObject({ ok: false, code: 'invalid_for_country' });
    if (!r.ok) expect(r.message).toContain('+32');
  });
});

// FR mobiles valid in the metadata, excluding the overseas 0639/069x ranges.
const frMobile = fc
  .tuple(fc.constantFrom('6', '7'), fc.stringMatching(/^\d{8}$/))
  .map(([a, b]) => a + b)
  .filter((n) => !/^6(39|9)/.test(n) && isValidPhoneNumber(`+33${n}`));

const group = (s: string, sizes: number[], sep: string) => {
  const out: string[] = [];
  let i = 0;
  for (const n of sizes) {
    out.push(s.slice(i, i + n));
    i += n;
  }
  return out.join(sep);
};

describe('normalisePhone: properties', () => {
  it('any FR mobile written the ways people write it normalises to the same E.164', () => {
    fc.assert(
      fc.property(frMobile, fc.constantFrom(' ', '.', '-', '', '  '), (n, sep) => {
        const national = `0${n}`;
        const expected = `+33${n}`;
        const writings = [
          group(national, [2, 2, 2, 2, 2], sep),
          `+33 ${group(n, [1, 2, 2, 2, 2], sep)}`,
          `+33 (0)${group(n, [1, 2, 2, 2, 2], sep)}`,
          `0033${sep}${n}`,
          `33${sep}${n}`,
          `${n.slice(0, 1)}.${n.slice(1)}E+08`,
        ];
        for (const w of writings) {
          const r = normalisePhone(w);
          expect(r.ok && r.value.e164).toBe(expected);
          if (r.ok) expect(r.value.kind).toBe('mobile');
        }
        const noZero = normalisePhone(group(n, [1, 2, 2, 2, 2], sep));
        expect(noZero).toMatchObject({ ok: true, value: { e164: expected }, warning: { code: 'missing_leading_zero' } });
      }),
      { numRuns: 60 },
    );
  });

  it('is idempotent: normalising the E.164 or its display form gives the same value', () => {
    fc.assert(
      fc.property(frMobile, (n) => {
        const first = normalisePhone(`0${n}`);
        if (!first.ok) throw new Error('expected ok');
        expect(normalisePhone(first.value.e164)).toEqual(first);
        expect(normalisePhone(formatPhone(first.value.e164))).toEqual(first);
      }),
      { numRuns: 50 },
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(messyString, (raw) => {
        const r = normalisePhone(raw);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });
});

describe('formatPhone, maskPhone, phoneDigitsKey', () => {
  it('formats nationally for France and internationally elsewhere', () => {
    expect(formatPhone('+33612345678')).toBe('06 12 34 56 78');
    expect(formatPhone('+33123456789')).toBe('01 23 45 67 89');
    expect(formatPhone('+590690123478')).toBe('+590 690 12 34 78');
    expect(formatPhone('+32471234567')).toBe('+32 471 23 45 67');
    expect(formatPhone('pas un numéro')).toBe('pas un numéro');
  });

  it('masks all but the leading group and the last 2 digits', () => {
    expect(maskPhone('+33612345678')).toBe('06 ** ** ** 78');
    expect(maskPhone('+590690123478')).toBe('+590 690 ** ** 78');
    expect(maskPhone('+32471234567')).toBe('+32 471 ** ** 67');
    expect(maskPhone('+447911123456')).toBe('+44 7911 ****56');
    fc.assert(
      fc.property(frMobile, (n) => {
        const masked = maskPhone(`+33${n}`);
        expect(masked.replace(/\D/g, '')).toBe(`0${n.slice(0, 1)}${n.slice(-2)}`);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps digits only for search', () => {
    expect(phoneDigitsKey('06 12')).toBe('0612');
    expect(phoneDigitsKey('+33 (0)6.12')).toBe('330612');
    expect(phoneDigitsKey('')).toBe('');
  });
});
