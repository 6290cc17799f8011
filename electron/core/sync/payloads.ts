// Outbox payloads (whole records, null keys omitted, as import and edits write them) turned into
// the service's record shapes, and the links a student payload carries.
import type { Entity } from '../../../shared/service-api/school';

export type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function parsePayload(text: string): Json {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
  } catch {
    return {};
  }
}

/** The record as the service stores it: every key present (null when unknown). */
export function serviceData(entity: Entity, p: Json): Json {
  switch (entity) {
    case 'student':
      return {
        ine: str(p.ine),
        lastName: str(p.lastName) ?? '',
        firstName: str(p.firstName) ?? '',
        birthDate: str(p.birthDate),
        division: str(p.division),
        status: p.status === 'left' ? 'left' : 'enrolled',
      };
    case 'guardian':
      return {
        civility: str(p.civility),
        lastName: str(p.lastName) ?? '',
        firstName: str(p.firstName) ?? '',
        phone: str(p.phone),
        email: str(p.email),
        addressLine1: str(p.addressLine1),
        addressLine2: str(p.addressLine2),
        postalCode: str(p.postalCode),
        city: str(p.city),
        country: str(p.country),
      };
    case 'guardianship':
      return linkData(str(p.studentId) ?? '', str(p.guardianId) ?? '', str(p.relation), Number(p.legalRank ?? 0));
  }
}

export function linkData(studentId: string, guardianId: string, relation: string | null, legalRank: number): Json {
  const rank = legalRank === 1 || legalRank === 2 ? legalRank : 0;
  return { studentId, guardianId, relation, legalRank: rank };
}

/** The service's id of a link: one record per (student, guardian), so a link removed and made again is the same record. */
export const linkId = (studentId: string, guardianId: string): string => `${studentId}:${guardianId}`;

/** The links a student payload carries, or null when it carries none (not a whole-student payload). */
export function linksOfPayload(studentId: string, p: Json): Map<string, Json> | null {
  if (!Array.isArray(p.guardians)) return null;
  const out = new Map<string, Json>();
  for (const g of p.guardians as Json[]) {
    const gid = str(g?.guardianId);
    if (!gid) continue;
    out.set(gid, linkData(studentId, gid, str(g.relation), Number(g.legalRank ?? 0)));
  }
  return out;
}
