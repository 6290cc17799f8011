import { checkLetter23 } from './checkLetter';
import { fail, ok, type Normalised } from './result';
import { cleanText } from './text';

const EXAMPLE = '7 chiffres puis 1 lettre, ex. 0750654D';

/**
 * Normalises a UAI (ex-RNE) establishment code: 7 digits and a check letter, the letter being
 * "ABCDEFGHJKLMNPRSTUVWXYZ"[n % 23]. Corsica's UAI start with 620 (2A) and 720 (2B).
 * A code whose leading 0 was dropped by a spreadsheet is repaired with a warning.
 */
export function normaliseUai(raw: string): Normalised<string> {
  const s = cleanText(typeof raw === 'string' ? raw : String(raw ?? ''))
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s.\-_/]/g, '');
  if (s === '') return fail('empty', 'Code UAI vide.');
  if (/^\d{6}[A-Z]$/.test(s)) {
    const repaired = check(`0${s}`);
    return repaired.ok
      ? ok(repaired.value, { code: 'missing_leading_zero', message: 'Le 0 initial du code UAI manquait (supprimé par le tableur) : il a été rajouté.' })
      : repaired;
  }
  if (/^\d{7}[A-Z]$/.test(s)) return check(s);
  if (/^\d{7}$/.test(s)) return fail('uai_missing_letter', `Code UAI incomplet : il manque la lettre de contrôle finale (${EXAMPLE}).`);
  if (/[^0-9A-Z]/.test(s)) return fail('uai_format', `Code UAI mal formé : seuls des chiffres et une lettre finale sont attendus (${EXAMPLE}).`);
  if (s.length !== 8) return fail('uai_format', `Code UAI mal formé : ${s.length} caractères au lieu de 8 (${EXAMPLE}).`);
  return fail('uai_format', `Code UAI mal formé : ${EXAMPLE} ; pour la Corse, il commence par 620 (2A) ou 720 (2B).`);
}

function check(uai: string): Normalised<string> {
  if (checkLetter23(uai.slice(0, 7)) !== uai[7]) {
    return fail('uai_checksum', 'Code UAI incorrect : la lettre finale ne correspond pas aux 7 chiffres (clé de contrôle) ; vérifiez chaque chiffre et la lettre.');
  }
  return ok(uai);
}

/** Département of a valid UAI: "075" → "75", "620" → "2A", "720" → "2B", "971" → "971". */
export function uaiDepartement(uai: string): string {
  const p = String(uai ?? '').slice(0, 3);
  if (p === '620') return '2A';
  if (p === '720') return '2B';
  if (/^9[78]\d$/.test(p)) return p;
  return /^\d{3}$/.test(p) ? p.slice(1) : '';
}
