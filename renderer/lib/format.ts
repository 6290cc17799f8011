import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** Display helpers. Values arrive normalised from the core (ISO dates, E.164 phones). */

export const formatNumber = (n: number): string => n.toLocaleString('fr-FR');

/** `2015-03-12` → `12/03/2015`; null when the value is not an ISO calendar date. */
export function formatDateFr(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** An ISO timestamp as « 12 mars 2025 à 14:05 » in the machine's time zone. */
export function formatDateTimeFr(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return date.toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' });
}

// Numbers that a French secretariat dials without the international prefix.
const FRENCH_NUMBERING = new Set(['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF']);

/** E.164 → `06 12 34 56 78` for French numbers, `+32 470 12 34 56` abroad; raw text otherwise. */
export function formatPhone(e164: string | null | undefined): string | null {
  if (!e164) return null;
  const phone = parsePhoneNumberFromString(e164);
  if (!phone) return e164;
  return phone.country && FRENCH_NUMBERING.has(phone.country) ? phone.formatNational() : phone.formatInternational();
}

export function studentStatusLabel(status: 'enrolled' | 'left'): string {
  return status === 'enrolled' ? 'Inscrit' : 'Sorti';
}

export function legalRankLabel(rank: number): string {
  if (rank === 1) return 'Responsable légal 1';
  if (rank === 2) return 'Responsable légal 2';
  return 'Autre responsable';
}

export function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${Math.abs(n) >= 2 ? many : one}`;
}
