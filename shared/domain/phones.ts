import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { fail, ok, type Normalised } from './result';
import { cleanText } from './text';
import {
  FRENCH_PLAN_REGIONS,
  OVERSEAS_BY_PREFIX,
  regionFromCountry,
  regionFromPostalCode,
  regionName,
} from './phoneRegions';

export interface PhoneValue {
  e164: string;
  kind: 'mobile' | 'fixed' | 'other';
  /** ISO 3166 alpha-2 of the territory the line belongs to (FR, GP, RE, BE...). */
  region: string;
}

export interface PhoneHint {
  postalCode?: string | null;
  country?: string | null;
}

type Warning = { code: string; message: string };

const MISSING_ZERO: Warning = {
  code: 'missing_leading_zero',
  message: 'Le 0 initial manquait (souvent supprimé par le tableur) : il a été rajouté, vérifiez le numéro.',
};

// Collectivités with closed numbering (no trunk 0): national significant number lengths.
const CLOSED_PLANS: Record<string, number[]> = { PM: [6], NC: [6], WF: [6], PF: [8] };

/**
 * Normalises a phone number as typed on a registration sheet to E.164, with the territory it belongs
 * to (French overseas included) and whether it is a mobile. The hint (postal code, country of the
 * guardian's address) chooses the country for numbers written nationally without a country code.
 */
export function normalisePhone(raw: string, hint?: PhoneHint): Normalised<PhoneValue> {
  const pre = preclean(raw);
  if (!pre.ok) return pre;
  const { international, digits } = pre.value;
  const postalRegion = regionFromPostalCode(hint?.postalCode);
  if (international) return fromInternational(digits, postalRegion);

  const countryRegion = regionFromCountry(hint?.country);
  // An explicit foreign country wins over a postal code (German postal codes also have 5 digits).
  const target = countryRegion && countryRegion !== 'FR' ? countryRegion : (postalRegion ?? 'FR');

  if (CLOSED_PLANS[target]) {
    const closed = tryClosedPlan(digits, target);
    if (closed) return closed;
  }
  const foreign = !FRENCH_PLAN_REGIONS.has(target) && !CLOSED_PLANS[target] && isSupportedCountry(target);
  if (foreign) {
    const pn = parsePhoneNumberFromString(digits, target as CountryCode);
    if (pn?.isValid()) return ok(toValue(pn, target));
  }
  const french = fromFrenchPlan(digits, postalRegion);
  if (!french.ok && foreign) {
    const cc = getCountryCallingCode(target as CountryCode);
    return fail(
      'invalid_for_country',
      `Numéro invalide pour ${regionName(target)} (indicatif +${cc}) comme pour la France : vérifiez-le, ou saisissez-le avec son indicatif (+…).`,
    );
  }
  return french;
}

interface Cleaned {
  international: boolean;
  digits: string;
}

function preclean(raw: string): Normalised<Cleaned> {
  let s = cleanText(typeof raw === 'string' ? raw : String(raw ?? '')).normalize('NFKC');
  // Spreadsheet artefacts: a leading apostrophe forcing text, a formula sign, surrounding quotes.
  s = s.replace(/^['=]+/, '').replace(/^"(.*)"$/, '$1').trim();
  // Labels typed in the cell: "Tél : 06…", "Port. 06…", "tel:+33…".
  s = s
    .replace(/^(t[ée]l[ée]?(phone)?|tel|portable|port|mobile|gsm|fixe|domicile|dom|pro|travail|cell)\s*[.:]?\s*/i, '')
    .replace(/^[;,\s]+|[;,\s]+$/g, '');
  if (s === '') return fail('empty', 'Numéro de téléphone vide.');

  const parts = s.split(/\s*(?:[;|/,&]|\bou\b|\bet\b)\s*/i).filter((p) => (p.match(/\d/g) ?? []).length >= 6);
  if (parts.length >= 2) {
    return fail('several', 'Plusieurs numéros dans le même champ : gardez-en un seul par case.');
  }

  const scientific = s.match(/^(\d+)(?:[.,](\d+))?\s*e\s*\+?\s*(\d+)$/i);
  if (scientific) {
    const [, int = '', frac = '', exp = '0'] = scientific;
    const e = Number(exp);
    if (frac.length !== e) {
      return fail(
        'excel_damaged',
        'Numéro abîmé par le tableur (affiché en notation scientifique, des chiffres sont perdus) : ressaisissez-le.',
      );
    }
    s = int + frac;
  }
  // A number stored as a decimal by a spreadsheet: "612345678.0".
  s = s.replace(/^(\d{8,})[.,]0+$/, '$1');

  if (/\p{L}/u.test(s)) {
    return fail('letters', 'Le numéro contient des lettres : saisissez uniquement les chiffres (et le + de l’indicatif).');
  }
  const bad = s.match(/[^\d+\s.,\-/()]/);
  if (bad || s.slice(1).includes('+')) {
    return fail('invalid_character', `Caractère inattendu dans le numéro (« ${bad ? bad[0] : '+'} ») : seuls les chiffres, espaces, points, tirets et le + initial sont acceptés.`);
  }
  let international = s.startsWith('+');
  // "+33 (0)6…": the (0) is the trunk prefix, not part of the international number.
  if (international) s = s.replace(/\(\s*0\s*\)/g, '');
  let digits = s.replace(/\D/g, '');
  if (!international && digits.startsWith('00')) {
    international = true;
    digits = digits.slice(2);
  }
  if (digits === '') return fail('no_digit', 'Aucun chiffre dans le numéro : laissez le champ vide s’il n’y a pas de numéro.');
  if (/^(\d)\1+$/.test(digits) && digits.length >= 6) {
    return fail('placeholder', 'Numéro fictif (tous les chiffres identiques) : saisissez le vrai numéro ou laissez le champ vide.');
  }
  return ok({ international, digits });
}

function fromInternational(digits: string, hintRegion: string | undefined): Normalised<PhoneValue> {
  if (digits.length < 4) return fail('too_short', 'Numéro international incomplet : il manque des chiffres après l’indicatif.');
  const pn = parsePhoneNumberFromString(`+${digits}`);
  if (!pn) return fail('unknown_country_code', 'Indicatif international inconnu : vérifiez les chiffres qui suivent le +.');
  const cc = pn.countryCallingCode as string;
  const nsn = pn.nationalNumber as string;

  // The FAQ's "indicatif" problem: an overseas number written with +33 instead of its own code.
  if (cc === '33') {
    const national = nsn.startsWith('0') ? nsn.slice(1) : nsn;
    const terr = OVERSEAS_BY_PREFIX[national.slice(0, 3)];
    if (terr && national.length === 9) {
      const fixed = overseas(national, terr.callingCode, hintRegion);
      if (fixed.ok) {
        return ok(fixed.value, {
          code: 'wrong_country_code',
          message: `Indicatif corrigé : un numéro de ${terr.name} s’écrit avec +${terr.callingCode}, pas +33.`,
        });
      }
    }
  }
  if (pn.isValid()) return ok(toValue(pn, hintRegion));

  // "+32 0471…": a trunk 0 kept after the country code.
  const rest = digits.slice(cc.length);
  if (rest.startsWith('0')) {
    const again = parsePhoneNumberFromString(`+${cc}${rest.slice(1)}`);
    if (again?.isValid()) return ok(toValue(again, hintRegion));
  }
  // French overseas ranges open faster than metadata is updated: trust the prefix table.
  const national = rest.startsWith('0') ? rest.slice(1) : rest;
  const terr = OVERSEAS_BY_PREFIX[national.slice(0, 3)];
  if (terr && terr.callingCode === cc && national.length === 9) return overseas(national, cc, hintRegion);

  const country = pn.country ? ` (${regionName(pn.country)})` : '';
  switch (validatePhoneNumberLength(`+${digits}`)) {
    case 'TOO_SHORT':
      return fail('too_short', `Numéro international incomplet : il manque des chiffres après l’indicatif +${cc}${country}.`);
    case 'TOO_LONG':
      return fail('too_long', `Numéro international trop long pour l’indicatif +${cc}${country} : un chiffre a peut-être été doublé.`);
    case 'INVALID_COUNTRY':
      return fail('unknown_country_code', 'Indicatif international inconnu : vérifiez les chiffres qui suivent le +.');
    default:
      return fail('unknown_prefix', `Numéro non attribué pour l’indicatif +${cc}${country} : vérifiez les premiers chiffres.`);
  }
}

function fromFrenchPlan(digits: string, hintRegion: string | undefined): Normalised<PhoneValue> {
  const n = digits.length;
  // Country code typed without + or 00: "33 6 12…", "590 690…", "689 87…".
  if ((n === 11 && /^33[1-9]/.test(digits)) || (n === 12 && /^330/.test(digits))) {
    return fromInternational(digits, hintRegion);
  }
  if (n === 12 && /^(590|594|596|262)[1-9]/.test(digits)) return fromInternational(digits, hintRegion);
  if (n === 11 && /^689[1-9]/.test(digits)) return fromInternational(digits, hintRegion);

  if (n === 10 && digits.startsWith('0')) {
    if (digits.startsWith('0508')) {
      const pm = parsePhoneNumberFromString(`+508${digits.slice(4)}`);
      if (pm?.isValid()) return ok(toValue(pm, 'PM'));
      return fail('unknown_prefix', 'Numéro de Saint-Pierre-et-Miquelon non attribué : vérifiez les chiffres après 0508.');
    }
    const terr = OVERSEAS_BY_PREFIX[digits.slice(1, 4)];
    if (terr) return overseas(digits.slice(1), terr.callingCode, hintRegion);
    const pn = parsePhoneNumberFromString(digits, 'FR');
    if (pn?.isValid()) return ok(toValue(pn, undefined));
    return fail(
      'unknown_prefix',
      `Numéro non attribué : aucun numéro français ne commence par ${digits.slice(0, 2)} ${digits.slice(2, 4)} ; vérifiez les premiers chiffres.`,
    );
  }
  if (n === 9 && !digits.startsWith('0')) {
    const terr = OVERSEAS_BY_PREFIX[digits.slice(0, 3)];
    const result = terr ? overseas(digits, terr.callingCode, hintRegion) : fromFrenchPlan(`0${digits}`, hintRegion);
    return result.ok ? ok(result.value, MISSING_ZERO) : result;
  }
  if (n === 10) {
    return fail(
      'invalid',
      'Numéro de 10 chiffres qui ne commence pas par 0 : vérifiez le premier chiffre, ou ajoutez le + et l’indicatif s’il s’agit d’un numéro étranger.',
    );
  }
  if (n < 10) return fail('too_short', `Numéro de téléphone incomplet : ${n} chiffre${n > 1 ? 's' : ''} au lieu de 10.`);
  return fail(
    'too_long',
    `Numéro de téléphone trop long : ${n} chiffres au lieu de 10 (pour un numéro étranger, ajoutez le + avant l’indicatif).`,
  );
}

/** A French overseas number given as its 9 national digits (without the trunk 0). */
function overseas(national: string, callingCode: string, hintRegion: string | undefined): Normalised<PhoneValue> {
  const terr = OVERSEAS_BY_PREFIX[national.slice(0, 3)];
  const pn = parsePhoneNumberFromString(`+${callingCode}${national}`);
  if (pn?.isValid()) return ok(toValue(pn, hintRegion));
  if (terr && terr.callingCode === callingCode && national.length === 9) {
    return ok({ e164: `+${callingCode}${national}`, kind: terr.kind, region: sharedRegion(callingCode, hintRegion) ?? terr.region });
  }
  return fail('unknown_prefix', `Numéro non attribué pour l’indicatif +${callingCode} : vérifiez les premiers chiffres.`);
}

function tryClosedPlan(digits: string, region: string): Normalised<PhoneValue> | undefined {
  const lengths = CLOSED_PLANS[region] ?? [];
  if (!lengths.includes(digits.length)) return undefined;
  const pn = parsePhoneNumberFromString(digits, region as CountryCode);
  return pn?.isValid() ? ok(toValue(pn, region)) : undefined;
}

/** The hint's region when it shares the number's calling code (+590: GP, MF, BL; +262: RE, YT). */
function sharedRegion(callingCode: string, hintRegion: string | undefined): string | undefined {
  if (!hintRegion || !isSupportedCountry(hintRegion)) return undefined;
  return getCountryCallingCode(hintRegion as CountryCode) === callingCode ? hintRegion : undefined;
}

function toValue(pn: PhoneNumber, hintRegion: string | undefined): PhoneValue {
  const cc = pn.countryCallingCode as string;
  const terr = cc === '33' ? undefined : OVERSEAS_BY_PREFIX[(pn.nationalNumber as string).slice(0, 3)];
  const region =
    sharedRegion(cc, hintRegion) ??
    pn.country ??
    (terr?.callingCode === cc ? terr.region : undefined) ??
    mainRegion(cc);
  return { e164: pn.number as string, kind: kindOf(pn), region };
}

function kindOf(pn: PhoneNumber): PhoneValue['kind'] {
  switch (pn.getType()) {
    case 'MOBILE':
      return 'mobile';
    case 'FIXED_LINE':
    case 'VOIP': // French 09 box lines: a landline for the people who use them, and no SMS.
      return 'fixed';
    default:
      return 'other';
  }
}

function mainRegion(callingCode: string): string {
  const pn = parsePhoneNumberFromString(`+${callingCode}1`);
  return pn?.country ?? (callingCode === '33' ? 'FR' : 'ZZ');
}

/** Human format: national for France ("06 12 34 56 78"), international elsewhere ("+590 690 12 34 56"). */
export function formatPhone(e164: string): string {
  const pn = parsePhoneNumberFromString(String(e164 ?? ''));
  if (!pn) return String(e164 ?? '');
  return pn.countryCallingCode === '33' ? pn.formatNational() : pn.formatInternational();
}

/** The stored E.164 number as a person reads it: "+33 6 12 34 56 78". */
export function formatPhoneInternational(e164: string): string {
  const pn = parsePhoneNumberFromString(String(e164 ?? ''));
  return pn ? pn.formatInternational() : String(e164 ?? '');
}

/**
 * Masked for display to someone who must not read the number: "06 ** ** ** 78", "+590 690 ** ** 78".
 * Keeps the country code, the first group and the last 2 digits only.
 */
export function maskPhone(e164: string): string {
  const formatted = formatPhone(e164);
  const groups = formatted.split(' ');
  if (groups.length < 2) {
    const digits = formatted.replace(/\D/g, '');
    return digits.length <= 2 ? '**' : `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
  }
  const keep = groups[0]?.startsWith('+') ? 2 : 1;
  return groups
    .map((g, i) => {
      if (i < keep && i < groups.length - 1) return g;
      if (i === groups.length - 1) return g.replace(/\d(?=\d{2})/g, '*');
      return g.replace(/\d/g, '*');
    })
    .join(' ');
}

/** Digits only, for matching what staff type in a search box ("06 12" → "0612"). */
export function phoneDigitsKey(raw: string): string {
  return String(raw ?? '').normalize('NFKC').replace(/\D/g, '');
}
