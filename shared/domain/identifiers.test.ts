import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECK_ALPHABET_23, checkLetter23 } from './checkLetter';
import { ineForm, normaliseIne } from './ine';
import { messyString } from './testArbitraries';
import { normaliseUai, uaiDepartement } from './uai';

const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));

describe('checkLetter23', () => {
  it('is the letter at (number mod 23) of the alphabet without I, O, Q', () => {
    expect(CHECK_ALPHABET_23).toHaveLength(23);
    expect(CHECK_ALPHABET_23).not.toMatch(/[IOQ]/);
    fc.assert(
      fc.property(digits(7), (d) => {
        expect(checkLetter23(d)).toBe(CHECK_ALPHABET_23[Number(d) % 23]);
      }),
      { numRuns: 100 },
    );
    // Beyond 2^53: computed digit by digit, compared with BigInt.
    expect(checkLetter23('12345678901234567890')).toBe(CHECK_ALPHABET_23[Number(12345678901234567890n % 23n)]);
  });
});

describe('normaliseUai', () => {
  it.each([
    ['0750654D', '0750654D'], // lycée Louis-le-Grand
    ['0750699C', '0750699C'], // lycée Henri-IV
    ['0750654d', '0750654D'],
    [' 075 0654 D ', '0750654D'],
    ['075-0654-D', '0750654D'],
  ])('%j → %s', (raw, expected) => {
    expect(normaliseUai(raw)).toEqual({ ok: true, value: expected });
  });

  it('repairs a leading zero dropped by a spreadsheet, with a warning', () => {
    expect(normaliseUai('750654D')).toMatchObject({ ok: true, value: '0750654D', warning: { code: 'missing_leading_zero' } });
  });

  it.each([
    ['0750654E', 'uai_checksum'],
    ['0750645D', 'uai_checksum'],
    ['0750654', 'uai_missing_letter'],
    ['075065', 'uai_format'],
    ['07506544D', 'uai_format'],
    ['0750654@', 'uai_format'],
    ['', 'empty'],
  ])('%j is refused (%s)', (raw, code) => {
    expect(normaliseUai(raw)).toMatchObject({ ok: false, code });
  });

  it('accepts exactly the right letter for any 7 digits (Corsica 620/720 included)', () => {
    fc.assert(
      fc.property(fc.oneof(digits(7), digits(4).map((d) => `620${d}`), digits(4).map((d) => `720${d}`)), fc.constantFrom(...CHECK_ALPHABET_23, 'I', 'O', 'Q'), (d, letter) => {
        const r = normaliseUai(`${d}${letter}`);
        expect(r.ok).toBe(letter === CHECK_ALPHABET_23[Number(d) % 23]);
        if (r.ok) expect(normaliseUai(r.value)).toEqual(r);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the département, Corsica as 2A/2B', () => {
    expect(uaiDepartement('0750654D')).toBe('75');
    expect(uaiDepartement('6200001X')).toBe('2A');
    expect(uaiDepartement('7200001X')).toBe('2B');
    expect(uaiDepartement('9710001X')).toBe('971');
  });
});

describe('normaliseIne', () => {
  const bea = digits(10).map((d) => d + checkLetter23(d));

  it('accepts a BEA INE (10 digits + key) and verifies its key', () => {
    fc.assert(
      fc.property(bea, (ine) => {
        expect(normaliseIne(ine)).toEqual({ ok: true, value: ine });
        expect(normaliseIne(`${ine.slice(0, 4)} ${ine.slice(4, 8)}-${ine.slice(8).toLowerCase()}`)).toEqual({ ok: true, value: ine });
        const wrong = CHECK_ALPHABET_23[(CHECK_ALPHABET_23.indexOf(ine[10]!) + 1) % 23];
        expect(normaliseIne(ine.slice(0, 10) + wrong)).toMatchObject({ ok: false, code: 'ine_checksum' });
      }),
      { numRuns: 100 },
    );
    expect(normaliseIne('1234567890A')).toMatchObject({ ok: false, code: 'ine_checksum' });
    expect(normaliseIne(`1234567890${checkLetter23('1234567890')}`)).toMatchObject({ ok: true });
  });

  it('detects a swapped digit in a BEA INE', () => {
    const ine = `0512345678${checkLetter23('0512345678')}`;
    expect(normaliseIne(`0512345687${ine[10]}`)).toMatchObject({ ok: false, code: 'ine_checksum' });
  });

  it.each([
    ['123456789AB', 'RNIE'],
    ['123456789ab', 'RNIE'],
    ['1234A12345F', 'SIFA'],
    ['AAAAAAAAAA1', 'BASE36'],
    ['1234D12345F', 'PROVISIONAL'],
  ])('accepts the %s shape (%s)', (raw, form) => {
    const r = normaliseIne(raw);
    expect(r.ok).toBe(true);
    if (r.ok) expect(ineForm(r.value)).toBe(form);
  });

  it('warns that a provisional INE must be replaced', () => {
    expect(normaliseIne('1234D12345F')).toMatchObject({ ok: true, warning: { code: 'ine_provisional' } });
  });

  it.each([
    ['', 'empty'],
    ['12345', 'ine_length'],
    ['123456789ABC', 'ine_length'],
    ['12345678ABC', 'ine_format'],
    ['ABCDEFGHIJK', 'ine_format'],
    ['123456789É1', 'ine_format'],
  ])('%j is refused (%s)', (raw, code) => {
    expect(normaliseIne(raw)).toMatchObject({ ok: false, code });
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(messyString, (raw) => {
        const ine = normaliseIne(raw);
        const uai = normaliseUai(raw);
        if (ine.ok) expect(ine.value).toMatch(/^[0-9A-Z]{11}$/);
        if (uai.ok) expect(uai.value).toMatch(/^\d{7}[A-Z]$/);
      }),
      { numRuns: 200 },
    );
  });
});
