import { checkLetter23 } from './checkLetter';
import { fail, ok, type Normalised } from './result';
import { cleanText } from './text';

/**
 * Forms of the INE (Identifiant National Élève), always 11 characters:
 * - BEA (base élèves académique, SIECLE/ONDE before 2018): 10 digits + key letter = number mod 23
 *   in the UAI alphabet; the key is verified.
 * - RNIE (répertoire national, since 2018): 9 digits + 2 letters. Its key algorithm is not published;
 *   the shape is checked, not the key.
 * - SIFA (apprentices): 4 digits + "A" + 5 digits + letter; provisional: 4 digits + "D" + 5 digits + letter.
 * - Base 36 (higher education): 10 digits or capitals + 1 digit.
 * Sources and limits: README.md beside this file.
 */
export type IneForm = 'BEA' | 'RNIE' | 'SIFA' | 'PROVISIONAL' | 'BASE36';

export function ineForm(ine: string): IneForm | undefined {
  if (/^\d{10}[A-Z]$/.test(ine)) return 'BEA';
  if (/^\d{9}[A-Z]{2}$/.test(ine)) return 'RNIE';
  if (/^\d{4}A\d{5}[A-Z]$/.test(ine)) return 'SIFA';
  if (/^\d{4}D\d{5}[A-Z]$/.test(ine)) return 'PROVISIONAL';
  if (/^[0-9A-Z]{10}\d$/.test(ine)) return 'BASE36';
  return undefined;
}

const EXAMPLES = '10 chiffres et 1 lettre (ex. 1234567890A) ou 9 chiffres et 2 lettres (ex. 123456789AB)';

/** Normalises an INE: upper case, spaces and dashes removed, shape checked, BEA key verified. */
export function normaliseIne(raw: string): Normalised<string> {
  const s = cleanText(typeof raw === 'string' ? raw : String(raw ?? ''))
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s.\-_/]/g, '');
  if (s === '') return fail('empty', 'INE vide.');
  if (/[^0-9A-Z]/.test(s)) return fail('ine_format', `INE mal formé : il ne contient que des chiffres et des lettres, soit ${EXAMPLES}.`);
  if (s.length !== 11) {
    return fail('ine_length', `INE de ${s.length} caractère${s.length > 1 ? 's' : ''} au lieu de 11 : vérifiez qu’aucun caractère ne manque ni n’est en trop.`);
  }
  switch (ineForm(s)) {
    case 'BEA':
      if (checkLetter23(s.slice(0, 10)) !== s[10]) {
        return fail('ine_checksum', 'INE incorrect : la lettre finale ne correspond pas aux 10 chiffres (clé de contrôle) ; vérifiez chaque chiffre et la lettre.');
      }
      return ok(s);
    case 'PROVISIONAL':
      return ok(s, { code: 'ine_provisional', message: 'INE provisoire : il devra être remplacé par l’INE définitif de l’élève.' });
    case 'RNIE':
    case 'SIFA':
    case 'BASE36':
      return ok(s);
    default:
      return fail('ine_format', `INE mal formé : ${EXAMPLES}.`);
  }
}
