// Memoised domain normalisers for one import. Siblings' rows repeat the same names, dates, phones
// and emails, so each distinct raw value is normalised once. Phones also take a fast path for
// plain metropolitan numbers: libphonenumber's verdict depends only on the first four national
// digits there (checked by memo.test.ts against the domain function), so it is asked once per prefix.
import {
  checkStudentBirthDate,
  normaliseCivility,
  normaliseDate,
  normaliseEmail,
  normaliseIne,
  normaliseName,
  normalisePhone,
  normaliseRelation,
  regionFromCountry,
  regionFromPostalCode,
  suggestEmailDomain,
  nameKey,
  type Normalised,
  type PhoneValue,
} from '../../../shared/domain';
import { OVERSEAS_BY_PREFIX } from '../../../shared/domain/phoneRegions';

export interface EmailResult {
  result: Normalised<string>;
  suggestion: string | null;
}

export interface Normalisers {
  name(raw: string): Normalised<string>;
  key(name: string): string;
  birthDate(raw: string): Normalised<string>;
  ine(raw: string): Normalised<string>;
  phone(raw: string, postalCode: string, country: string): Normalised<PhoneValue>;
  email(raw: string): EmailResult;
  civility(raw: string): Normalised<string | null>;
  relation(raw: string): Normalised<string | null>;
}

function memo<T>(fn: (raw: string) => T): (raw: string) => T {
  const cache = new Map<string, T>();
  return (raw) => {
    let v = cache.get(raw);
    if (v === undefined) {
      v = fn(raw);
      cache.set(raw, v);
    }
    return v;
  };
}

// "06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78", "0033612345678", "612345678".
const PLAIN_FR = /^\s*(\+33|0033|0)?[\s.-]*([1-79](?:[\s.-]*\d){8})\s*$/;

const PLAIN_EMAIL = /^(?=[^@]{1,64}@)(?=.{1,254}$)[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function createNormalisers(today: Date): Normalisers {
  const postalRegion = memo((pc: string) => regionFromPostalCode(pc) ?? '');
  const countryRegion = memo((c: string) => regionFromCountry(c) ?? '');
  // Outcome per written form and first four national digits: for plain metropolitan numbers
  // libphonenumber's verdict (and the domain's message) depends on nothing else.
  const byPrefix = new Map<string, Normalised<PhoneValue> | null>();
  // Postal region → country region → raw phone → result: no key string built per lookup.
  const phoneCaches = new Map<string, Map<string, Map<string, Normalised<PhoneValue>>>>();
  const suggestionByDomain = new Map<string, string | null>();

  function fastPhone(raw: string, target: string): Normalised<PhoneValue> | undefined {
    const m = PLAIN_FR.exec(raw);
    if (!m || /\.0+\s*$/.test(raw)) return undefined;
    const form = m[1] === undefined ? 'bare' : m[1] === '0' ? 'national' : 'international';
    // Written without +33, the number belongs where the address is.
    if (form !== 'international' && target !== 'FR') return undefined;
    const nsn = (m[2] as string).replace(/[\s.-]/g, '');
    const p3 = nsn.slice(0, 3);
    if (OVERSEAS_BY_PREFIX[p3] || p3 === '508' || /^(\d)\1+$/.test(nsn)) return undefined;
    const key = `${form}:${nsn.slice(0, 4)}`;
    let template = byPrefix.get(key);
    if (template === undefined) {
      const probe = normalisePhone(form === 'bare' ? nsn : form === 'national' ? `0${nsn}` : `+33${nsn}`);
      const usable = probe.ok
        ? probe.value.e164 === `+33${nsn}` && probe.value.region === 'FR' && (form === 'bare') === (probe.warning !== undefined)
        : form !== 'international';
      template = usable ? probe : null;
      byPrefix.set(key, template);
    }
    if (template === null) return undefined;
    if (!template.ok) return template;
    const value: PhoneValue = { e164: `+33${nsn}`, kind: template.value.kind, region: 'FR' };
    return template.warning ? { ok: true, value, warning: template.warning } : { ok: true, value };
  }

  return {
    name: memo(normaliseName),
    key: memo(nameKey),
    birthDate: memo((raw) => {
      const d = normaliseDate(raw, today);
      if (!d.ok) return d;
      const checked = checkStudentBirthDate(d.value, today);
      return checked.ok && !checked.warning ? d : checked;
    }),
    ine: memo(normaliseIne),
    phone(raw, postalCode, country) {
      const pr = postalCode ? postalRegion(postalCode) : '';
      const cr = country ? countryRegion(country) : '';
      let byCountry = phoneCaches.get(pr);
      if (!byCountry) phoneCaches.set(pr, (byCountry = new Map()));
      let cache = byCountry.get(cr);
      if (!cache) byCountry.set(cr, (cache = new Map()));
      let v = cache.get(raw);
      if (v === undefined) {
        const target = cr && cr !== 'FR' ? cr : pr || 'FR';
        v = fastPhone(raw, target) ?? normalisePhone(raw, { postalCode: postalCode || null, country: country || null });
        cache.set(raw, v);
      }
      return v;
    },
    email: memo((raw) => {
      // Plain ASCII addresses are valid as they are, once lower-cased (memo.test.ts checks this
      // against the domain function); anything else goes through it.
      const result: Normalised<string> = PLAIN_EMAIL.test(raw) ? { ok: true, value: raw.toLowerCase() } : normaliseEmail(raw);
      if (!result.ok) return { result, suggestion: null };
      // A suggestion depends on the domain only: computed once per domain.
      const at = result.value.lastIndexOf('@');
      const domain = result.value.slice(at + 1);
      let suggested = suggestionByDomain.get(domain);
      if (suggested === undefined) {
        const s = suggestEmailDomain(`x@${domain}`);
        suggested = s === null ? null : s.slice(2);
        suggestionByDomain.set(domain, suggested);
      }
      return { result, suggestion: suggested === null ? null : `${result.value.slice(0, at)}@${suggested}` };
    }),
    civility: memo(normaliseCivility),
    relation: memo(normaliseRelation),
  };
}
