import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkStudentBirthDate, formatDateFr, normaliseDate } from './dates';
import { messyString } from './testArbitraries';

const TODAY = new Date(2025, 8, 1); // 1 Sept 2025, local time

describe('normaliseDate', () => {
  it.each([
    '03/05/2014', '3/5/2014', '03-05-2014', '03.05.2014', '03 05 2014', '2014-05-03', '2014/05/03', '2014.05.03',
    '03/05/14', '3/5/14', '03052014', '030514', '3052014', '20140503', '3 mai 2014', '03 mai 2014', '3 MAI 2014',
    '3 mai. 2014', 'samedi 3 mai 2014', 'le 3 mai 2014', '3-mai-2014', '41762', '41762.0', '41762,5',
    '03/05/2014 00:00:00', '03/05/2014 00:00', '2014-05-03T00:00:00.000Z', '2014-05-03T00:00:00', '2014-05-03 12:30:00',
    ' 03 / 05 / 2014 ', '03/05-2014', '０３/０５/２０１４',
  ])('%j → 2014-05-03', (raw) => {
    expect(normaliseDate(raw, TODAY)).toEqual({ ok: true, value: '2014-05-03' });
  });

  it.each([
    ['1er mai 2014', '2014-05-01'],
    ['1er janvier 2010', '2010-01-01'],
    ['12 déc. 2010', '2010-12-12'],
    ['14 juillet 2012', '2012-07-14'],
    ['15 août 2011', '2011-08-15'],
    ['15 aout 2011', '2011-08-15'],
    ['2 févr. 2013', '2013-02-02'],
    ['29/02/2016', '2016-02-29'],
    ['29/02/2000', '2000-02-29'],
    ['31/12/99', '1999-12-31'],
    ['01/01/25', '2025-01-01'],
    ['01/01/26', '1926-01-01'],
    ['36526', '2000-01-01'],
  ])('%j → %s', (raw, expected) => {
    expect(normaliseDate(raw, TODAY)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['31/02/2014', 'impossible_date', 'février 2014 compte 28 jours'],
    ['29/02/2015', 'impossible_date', '29 février 2015'],
    ['31/04/2014', 'impossible_date', '30 jours'],
    ['00/01/2014', 'invalid_day', 'Jour 00'],
    ['32/01/2014', 'invalid_day', 'Jour 32'],
    ['01/13/2014', 'invalid_month', 'Mois 13'],
    ['05/31/2014', 'invalid_month', 'américaine'],
    ['01/00/2014', 'invalid_month', 'Mois 00'],
    ['03/05/1850', 'year_out_of_range', '1850'],
    ['2014', 'incomplete', 'que l’année'],
    ['05/2014', 'incomplete', 'manque le jour'],
    ['03/05', 'incomplete', 'manque l’année'],
    ['3 mau 2014', 'unknown_month', 'mau'],
    ['', 'empty', 'vide'],
    ['abc', 'unrecognised', 'JJ/MM/AAAA'],
    ['03/05/2014/12', 'unrecognised', 'JJ/MM/AAAA'],
  ])('%j is refused (%s)', (raw, code, fragment) => {
    const r = normaliseDate(raw, TODAY);
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) expect(r.message).toContain(fragment);
  });

  it('places two-digit years at or before the current year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 2000, max: 2090 }), (yy, year) => {
        const today = new Date(year, 5, 15);
        const r = normaliseDate(`15/06/${String(yy).padStart(2, '0')}`, today);
        if (!r.ok) throw new Error(r.message);
        const y = Number(r.value.slice(0, 4));
        expect(y % 100).toBe(yy);
        expect(y).toBeLessThanOrEqual(year);
        expect(y).toBeGreaterThan(year - 100);
      }),
      { numRuns: 100 },
    );
  });

  const validDate = fc
    .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2030, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('formatDateFr → normaliseDate round-trips for every date 1990–2030', () => {
    fc.assert(
      fc.property(validDate, (iso) => {
        expect(normaliseDate(formatDateFr(iso), TODAY)).toEqual({ ok: true, value: iso });
        expect(normaliseDate(iso, TODAY)).toEqual({ ok: true, value: iso });
      }),
      { numRuns: 200 },
    );
  });

  it('reads the other ways a date is written, including Excel serials', () => {
    const months = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
    fc.assert(
      fc.property(validDate, fc.constantFrom('/', '-', '.', ' '), (iso, sep) => {
        const [y, m, d] = iso.split('-');
        const day = Number(d);
        const writings = [
          `${day}${sep}${Number(m)}${sep}${y}`,
          `${d}${m}${y}`,
          `${day === 1 ? '1er' : day} ${months[Number(m) - 1]} ${y}`,
          String(Math.round((Date.parse(iso) - Date.UTC(1899, 11, 30)) / 86_400_000)),
          `${formatDateFr(iso)} 00:00:00`,
        ];
        for (const w of writings) expect(normaliseDate(w, TODAY)).toEqual({ ok: true, value: iso });
      }),
      { numRuns: 150 },
    );
  });

  it('is idempotent and never throws', () => {
    fc.assert(
      fc.property(messyString, (raw) => {
        const r = normaliseDate(raw, TODAY);
        if (r.ok) {
          expect(r.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(normaliseDate(r.value, TODAY)).toEqual(r);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('checkStudentBirthDate', () => {
  it('accepts a plausible pupil birth date', () => {
    expect(checkStudentBirthDate('2014-05-03', TODAY)).toEqual({ ok: true, value: '2014-05-03' });
    expect(checkStudentBirthDate('2023-09-01', TODAY)).toEqual({ ok: true, value: '2023-09-01' }); // exactly 2
    expect(checkStudentBirthDate('2000-09-02', TODAY)).toEqual({ ok: true, value: '2000-09-02' }); // 24
  });

  it('refuses a date in the future', () => {
    expect(checkStudentBirthDate('2025-09-02', TODAY)).toMatchObject({ ok: false, code: 'future' });
    expect(checkStudentBirthDate('2041-01-01', TODAY)).toMatchObject({ ok: false, code: 'future' });
  });

  it('warns on an implausible age', () => {
    expect(checkStudentBirthDate('2023-09-02', TODAY)).toMatchObject({ ok: true, value: '2023-09-02', warning: { code: 'implausible_age' } });
    expect(checkStudentBirthDate('2025-09-01', TODAY)).toMatchObject({ ok: true, warning: { code: 'implausible_age' } });
    expect(checkStudentBirthDate('1999-09-01', TODAY)).toMatchObject({ ok: true, warning: { code: 'implausible_age' } });
  });

  it('refuses what is not an ISO calendar date', () => {
    expect(checkStudentBirthDate('2014-02-30', TODAY)).toMatchObject({ ok: false, code: 'invalid' });
    expect(checkStudentBirthDate('03/05/2014', TODAY)).toMatchObject({ ok: false, code: 'invalid' });
  });
});

describe('formatDateFr', () => {
  it('writes day/month/year', () => {
    expect(formatDateFr('2014-05-03')).toBe('03/05/2014');
    expect(formatDateFr('n’importe quoi')).toBe('n’importe quoi');
  });
});
