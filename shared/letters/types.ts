/**
 * What a notification letter batch is made of. JSON-safe (ISO strings), so that a batch can cross
 * a transport; the temporary password travels only from the account service to the PDF.
 */
import type { LetterTemplate } from './template';

export interface LetterSchool {
  name: string;
  uai: string | null;
  address: string | null;
  city: string | null;
  phone: string | null;
  /** « Le principal, M. X » */
  signatory: string | null;
  /** IANA zone its dates are written in (from the département); metropolitan France when absent. */
  timeZone?: string;
}

export interface LetterChild {
  lastName: string;
  firstName: string;
  division: string | null;
}

export interface LetterAddress {
  line1: string | null;
  line2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
}

export interface LetterData {
  /** reminder: the account is already active → identifier reminder + how to recover a password, never a password. */
  kind: 'credentials' | 'reminder';
  guardian: { civility: string | null; lastName: string; firstName: string; address: LetterAddress };
  children: LetterChild[];
  login: string;
  /** Only for 'credentials'. Printed in the PDF and nowhere else. */
  temporaryPassword: string | null;
  /** ISO date (or date-time) of the temporary password's expiry. */
  expiresAt: string | null;
  /** e.g. "06 ** ** ** 78": the self-registration alternative. */
  maskedPhone: string | null;
  /** The letter says a previous password is void. */
  reissued: boolean;
  /** The QR code points here; never the password. */
  activationUrl: string;
}

export interface LetterBatch {
  school: LetterSchool;
  /** « Classe 6A », « Lettre individuelle » */
  title: string;
  /** ISO date-time of printing. */
  printedAt: string;
  /** Staff member's display name, for the cover page. */
  printedBy: string;
  letters: LetterData[];
  template?: LetterTemplate;
}
