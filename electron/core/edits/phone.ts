// The mobile phone as staff enter it: a country chosen the way a person understands it ("La Réunion
// (+262)") plus the number as typed, read by the same domain function as the import.

import { getCountries, getCountryCallingCode, type CountryCode } from 'libphonenumber-js/max';
import type { PhonePreview } from '../../../shared/contract/corrections';
import { formatPhone, formatPhoneInternational, normalisePhone, regionFromCountry, regionFromPostalCode, type Normalised, type PhoneValue } from '../../../shared/domain';

/** France, its overseas territories and the countries families most often come from, in this order. */
const FREQUENT = [
  'FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'MF', 'BL', 'NC', 'PF', 'WF',
  'BE', 'CH', 'LU', 'MC', 'DE', 'ES', 'IT', 'PT', 'GB', 'MA', 'DZ', 'TN',
];

let displayNames: Intl.DisplayNames | undefined;
function regionNameFr(code: string): string {
  try {
    displayNames ??= new Intl.DisplayNames(['fr'], { type: 'region' });
    return displayNames.of(code) ?? code;
  } catch {
    return code;
  }
}

const callingCode = (code: string): string => {
  try {
    return getCountryCallingCode(code as CountryCode) as string;
  } catch {
    return '';
  }
};

/** "La Réunion (+262)". */
export const regionLabel = (code: string): string => `${regionNameFr(code)} (+${callingCode(code)})`;

let countries: Array<{ code: string; label: string; callingCode: string; frequent: boolean }> | undefined;

export function phoneCountries(): Array<{ code: string; label: string; callingCode: string; frequent: boolean }> {
  if (countries) return countries;
  const frequent = FREQUENT.map((code) => ({ code, label: regionLabel(code), callingCode: callingCode(code), frequent: true }));
  const others = getCountries()
    .filter((c) => !FREQUENT.includes(c))
    .map((code) => ({ code, label: regionLabel(code), callingCode: callingCode(code), frequent: false }))
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  countries = [...frequent, ...others];
  return countries;
}

export interface PhoneHints {
  postalCode: string | null;
  addressCountry: string | null;
}

/** Reads a phone as typed with the chosen country: the country decides numbers written nationally. */
export function readPhone(raw: string, country: string | null, hints: PhoneHints): Normalised<PhoneValue> {
  const chosen = country ? country.toUpperCase() : null;
  return normalisePhone(raw, {
    postalCode: chosen ? null : hints.postalCode,
    country: chosen ?? hints.addressCountry,
  });
}

/** Warnings a person should see before saving: corrected code, added 0, a fixed line, another country. */
export function phoneWarnings(result: Extract<Normalised<PhoneValue>, { ok: true }>, chosen: string | null): Array<{ code: string; message: string }> {
  const out: Array<{ code: string; message: string }> = [];
  if (result.warning) out.push(result.warning);
  if (result.value.kind !== 'mobile') {
    out.push({
      code: 'not_mobile',
      message: 'Ce n’est pas un numéro de portable : les SMS d’activation et de récupération n’y arriveront pas.',
    });
  }
  const region = result.value.region;
  if (chosen && region !== chosen.toUpperCase() && callingCode(region) !== callingCode(chosen)) {
    out.push({
      code: 'other_country',
      // Worded without articles: « à Belgique » or « à La Réunion » would need one per country.
      message: `Indicatif de ce numéro : ${regionLabel(region)}. Pays choisi : ${regionLabel(chosen.toUpperCase())}. Vérifiez lequel est le bon.`,
    });
  }
  return out;
}

export function previewPhone(raw: string, country: string | null, hints: PhoneHints): PhonePreview {
  const r = readPhone(raw, country, hints);
  if (!r.ok) return { ok: false, code: r.code, message: r.message };
  return {
    ok: true,
    e164: r.value.e164,
    display: formatPhone(r.value.e164),
    international: formatPhoneInternational(r.value.e164),
    kind: r.value.kind,
    region: r.value.region,
    regionLabel: regionLabel(r.value.region),
    warnings: phoneWarnings(r, country),
  };
}

/** The country the selector should show for a stored number (else the address's, else France). */
export function countryOfPhone(e164: string | null, hints: PhoneHints): string {
  if (e164) {
    const r = normalisePhone(e164);
    if (r.ok) return r.value.region;
  }
  return regionFromCountry(hints.addressCountry) ?? regionFromPostalCode(hints.postalCode) ?? 'FR';
}
