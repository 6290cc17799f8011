import { formatDateFr as isoToFr } from '../../shared/domain/dates';
import { formatPhone as formatE164 } from '../../shared/domain/phones';

/** Display helpers. Values arrive normalised from the core (ISO dates, E.164 phones). */

export const formatNumber = (n: number): string => n.toLocaleString('fr-FR');

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `2015-03-12` → `12/03/2015`; null when the value is not an ISO calendar date. */
export function formatDateFr(iso: string | null | undefined): string | null {
  if (!iso || !ISO_DATE.test(iso)) return null;
  return isoToFr(iso);
}

/** An ISO timestamp as « 12 mars 2025 à 14:05 » in the machine's time zone. */
export function formatDateTimeFr(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return date.toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' });
}

/** E.164 → `06 12 34 56 78` in France, `+32 470 12 34 56` elsewhere (shared with letters). */
export function formatPhone(e164: string | null | undefined): string | null {
  return e164 ? formatE164(e164) : null;
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

/** « de Paul », « d’Isabelle », « d’Hélène »: French elides « de » before a vowel or a mute h. */
export function ofName(name: string): string {
  return /^[aeiouyhàâäéèêëîïôöùûüœæ]/i.test(name.trim()) ? `d’${name.trim()}` : `de ${name.trim()}`;
}
