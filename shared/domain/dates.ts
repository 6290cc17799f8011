import { fail, ok, type Normalised } from './result';
import { cleanText } from './text';

/** Years outside this range are typing errors for anything Sésame stores. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
/** Plausible age range of a pupil, in whole years. */
export const PUPIL_MIN_AGE = 2;
export const PUPIL_MAX_AGE = 25;

const MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, jan: 1, fevrier: 2, fevr: 2, fev: 2, mars: 3, mar: 3, avril: 4, avr: 4, mai: 5,
  juin: 6, juillet: 7, juil: 7, aout: 8, aou: 8, septembre: 9, sept: 9, sep: 9, octobre: 10, oct: 10,
  novembre: 11, nov: 11, decembre: 12, dec: 12,
};
const MONTH_NAMES = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const FORMAT_HINT = 'écrivez-la sous la forme JJ/MM/AAAA (ex. 03/05/2014)';

/**
 * Normalises a date as people type it (always day first, the French way) to 'YYYY-MM-DD'.
 * Accepts 03/05/2014, 3-5-14, 03.05.2014, 03 05 2014, 03052014, 2014-05-03, "3 mai 2014",
 * "1er mai 2014", Excel serial numbers ("41762") and a trailing time ("03/05/2014 00:00:00").
 * Two-digit years are placed in the century that keeps them at or before `today`'s year.
 */
export function normaliseDate(raw: string, today: Date = new Date()): Normalised<string> {
  let s = cleanText(typeof raw === 'string' ? raw : String(raw ?? '')).normalize('NFKC');
  if (s === '') return fail('empty', 'Date vide.');
  // A time after the date, as spreadsheets and exports add it.
  s = s
    .replace(/(?:T|\s+(?:à\s+)?)\d{1,2}[:h]\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i, '')
    .replace(/[\s,.;]+$/, '')
    .trim();

  const serial = s.match(/^(\d{5})(?:[.,]\d+)?$/);
  if (serial) return fromExcelSerial(Number(serial[1]));

  const named = parseNamedMonth(s);
  if (named) return named.ok ? build(named.value.y, named.value.m, named.value.d, named.value.twoDigitYear, today) : named;

  let m = s.match(/^(\d{4})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{1,2})$/);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), false, today);

  m = s.match(/^(\d{1,2})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{4}|\d{2})$/);
  if (m) return build(Number(m[3]), Number(m[2]), Number(m[1]), m[3]!.length === 2, today);

  if (/^\d{8}$/.test(s)) {
    const dayFirst = build(Number(s.slice(4)), Number(s.slice(2, 4)), Number(s.slice(0, 2)), false, today);
    if (dayFirst.ok) return dayFirst;
    const yearFirst = build(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6)), false, today);
    return yearFirst.ok ? yearFirst : dayFirst;
  }
  // A spreadsheet that read 03052014 as a number dropped the leading zero of the day.
  if (/^\d{7}$/.test(s)) return build(Number(s.slice(3)), Number(s.slice(1, 3)), Number(s.slice(0, 1)), false, today);
  if (/^\d{6}$/.test(s)) return build(Number(s.slice(4)), Number(s.slice(2, 4)), Number(s.slice(0, 2)), true, today);

  if (/^\d{4}$/.test(s)) return fail('incomplete', `Date incomplète : il n’y a que l’année ; ${FORMAT_HINT}.`);
  if (/^\d{1,2}\s*[-/.\s]\s*\d{4}$/.test(s)) return fail('incomplete', `Date incomplète : il manque le jour ; ${FORMAT_HINT}.`);
  if (/^\d{1,2}\s*[-/.\s]\s*\d{1,2}$/.test(s)) return fail('incomplete', `Date incomplète : il manque l’année ; ${FORMAT_HINT}.`);
  return fail('unrecognised', `Date non reconnue : ${FORMAT_HINT}.`);
}

function parseNamedMonth(s: string): Normalised<{ y: number; m: number; d: number; twoDigitYear: boolean }> | undefined {
  const folded = s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s*,?\s*/, '')
    .replace(/^le\s+/, '');
  const m = folded.match(/^(\d{1,2})\s*(?:er|e|eme)?\s*[-/.]?\s*([a-z]+)\.?\s*[-/.,]?\s*(\d{4}|\d{2})$/);
  if (!m) return undefined;
  const month = MONTHS[m[2] ?? ''];
  if (!month) return fail('unknown_month', `Mois « ${m[2]} » non reconnu : ${FORMAT_HINT}.`);
  return ok({ y: Number(m[3]), m: month, d: Number(m[1]), twoDigitYear: (m[3] ?? '').length === 2 });
}

function fromExcelSerial(serial: number): Normalised<string> {
  // Excel's day 0 is 1899-12-30 for every serial after its fictitious 1900-02-29 (serial 60).
  const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  const y = date.getUTCFullYear();
  if (y < MIN_YEAR || y > MAX_YEAR) return fail('unrecognised', `Date non reconnue : ${FORMAT_HINT}.`);
  return ok(iso(y, date.getUTCMonth() + 1, date.getUTCDate()));
}

function build(year: number, month: number, day: number, twoDigitYear: boolean, today: Date): Normalised<string> {
  let y = year;
  if (twoDigitYear) {
    y = 2000 + year;
    if (y > today.getFullYear()) y -= 100;
  }
  if (month < 1 || month > 12) {
    const american = day >= 1 && day <= 12 && month >= 13 && month <= 31;
    return fail(
      'invalid_month',
      american
        ? `Mois ${pad(month)} impossible : la date semble saisie à l’américaine (mois/jour) ; en France on écrit le jour d’abord (JJ/MM/AAAA).`
        : `Mois ${pad(month)} impossible : le mois va de 01 à 12.`,
    );
  }
  if (day < 1 || day > 31) return fail('invalid_day', `Jour ${pad(day)} impossible : le jour va de 01 à 31.`);
  if (y < MIN_YEAR || y > MAX_YEAR) return fail('year_out_of_range', `Année ${y} invraisemblable : vérifiez l’année (4 chiffres).`);
  const dim = daysInMonth(y, month);
  if (day > dim) {
    return fail(
      'impossible_date',
      `Date impossible : le ${day} ${MONTH_NAMES[month - 1]} ${y} n’existe pas (${MONTH_NAMES[month - 1]} ${y} compte ${dim} jours).`,
    );
  }
  return ok(iso(y, month, day));
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
}

/** Parses a strict 'YYYY-MM-DD' into its parts when it is a real calendar date. */
export function parseIsoDate(value: string): { y: number; m: number; d: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value ?? ''));
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return { y, m: mo, d };
}

/**
 * Plausibility of a pupil's birth date: a date in the future is refused; an age under 2 or over 25
 * is accepted with the warning 'implausible_age' for a person to check.
 */
export function checkStudentBirthDate(isoDate: string, today: Date): Normalised<string> {
  const p = parseIsoDate(isoDate);
  if (!p) return fail('invalid', `Date de naissance non valide : ${FORMAT_HINT}.`);
  const ty = today.getFullYear();
  const tm = today.getMonth() + 1;
  const td = today.getDate();
  if (iso(p.y, p.m, p.d) > iso(ty, tm, td)) {
    return fail('future', 'Date de naissance dans le futur : vérifiez l’année.');
  }
  const age = ty - p.y - (tm < p.m || (tm === p.m && td < p.d) ? 1 : 0);
  if (age < PUPIL_MIN_AGE || age > PUPIL_MAX_AGE) {
    return ok(isoDate, {
      code: 'implausible_age',
      message: `Âge invraisemblable pour un élève (${age} an${age > 1 ? 's' : ''}) : vérifiez la date de naissance, l’année en particulier.`,
    });
  }
  return ok(isoDate);
}

/** 'YYYY-MM-DD' → 'DD/MM/YYYY'; anything else is returned unchanged. */
export function formatDateFr(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(isoDate ?? ''));
  return m ? `${m[3]}/${m[2]}/${m[1]}` : String(isoDate ?? '');
}
