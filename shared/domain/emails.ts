import { fail, ok, type Normalised } from './result';
import { cleanText, foldWords } from './text';

/** RFC 5321 limits. */
export const EMAIL_MAX_LENGTH = 254;
const LOCAL_MAX_LENGTH = 64;

// What people write in an email column when there is no address.
const PLACEHOLDERS = new Set([
  'neant', 'nean', 'aucun', 'aucune', 'non', 'no', 'nc', 'n c', 'na', 'n a', 'nr', 'inconnu', 'inconnue',
  'pas d email', 'pas de mail', 'pas d e mail', 'pas de courriel', 'pas d adresse', 'sans', 'sans email',
  'sans mail', 'rien', 'x', 'xx', 'xxx', 'vide', 'null', 'none', 'ne sait pas', 'nsp', 'refus', 'refuse',
  'pas internet', 'pas d internet', 'n a pas', 'na pas', 'absent',
]);

// Local part: letters of any script (internationalised addresses), digits and RFC 5322 atext symbols.
const LOCAL_CHARS = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+$/u;
// A domain label: letters of any script (IDN), digits, inner hyphens.
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/**
 * Normalises one email address: trimmed, "mailto:" and <> removed, lower-cased, syntax checked.
 * Internationalised domains are kept as typed (Unicode). Refuses placeholders ("néant") and
 * several addresses in one field (code 'several').
 */
export function normaliseEmail(raw: string): Normalised<string> {
  let s = cleanText(typeof raw === 'string' ? raw : String(raw ?? '')).normalize('NFKC');
  s = s.replace(/^["'«\s]+|["'»\s]+$/g, '').trim();
  // "Jean Dupont <jean@x.fr>": keep what is inside the angle brackets.
  const angled = s.match(/<([^<>]*)>/);
  if (angled && (s.match(/</g) ?? []).length === 1) s = angled[1] ?? '';
  // A trailing dot is kept so that it is reported; a trailing ";" or "," is list noise.
  s = s.replace(/^mailto:/i, '').replace(/[;,]+$/, '').trim();

  if (s === '' || /^[-_./\\*?]+$/.test(s)) {
    return s === ''
      ? fail('empty', 'Courriel vide.')
      : fail('placeholder', 'Ce champ contient un tiret ou un symbole au lieu d’une adresse de courriel : laissez-le vide s’il n’y a pas d’adresse.');
  }
  if (!s.includes('@') && PLACEHOLDERS.has(foldWords(s))) {
    return fail('placeholder', 'Ce champ contient une mention (« néant », « pas d’e-mail »…) au lieu d’une adresse de courriel : laissez-le vide s’il n’y a pas d’adresse.');
  }
  const atCount = (s.match(/@/g) ?? []).length;
  if (atCount >= 2 && /[;,\s/|]|\bet\b|\bou\b/.test(s)) {
    return fail('several', 'Plusieurs adresses de courriel dans le même champ : gardez-en une seule par case.');
  }
  if (atCount === 0) return fail('no_at', 'Courriel sans « @ » : il manque l’arobase entre le nom et le domaine (ex. nom@exemple.fr).');
  if (atCount > 1) return fail('several_at', 'Courriel avec plusieurs « @ » : une adresse n’en contient qu’un.');

  // Spaces typed around the @ or the dots are noise; any other space is an error.
  s = s.replace(/\s*@\s*/, '@').replace(/\s*\.\s*/g, '.');
  if (/\s/.test(s)) return fail('spaces', 'Le courriel contient des espaces : une adresse s’écrit sans espace.');
  s = s.toLowerCase();

  const at = s.indexOf('@');
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (local === '') return fail('local_missing', 'Il manque la partie avant le « @ » du courriel.');
  if (domain === '') return fail('domain_missing', 'Il manque le domaine après le « @ » (ex. @gmail.com).');
  if (!LOCAL_CHARS.test(local)) {
    return fail('local_invalid', 'La partie avant le « @ » contient un caractère non autorisé (accent typographique, parenthèse, virgule…).');
  }
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return fail('local_dots', 'La partie avant le « @ » ne peut ni commencer ni finir par un point, ni contenir deux points de suite.');
  }
  if ([...local].length > LOCAL_MAX_LENGTH) return fail('too_long', 'La partie avant le « @ » est trop longue (64 caractères au plus).');
  if (domain.endsWith('.')) return fail('domain_trailing_dot', 'Le domaine du courriel se termine par un point : supprimez-le.');
  if (domain.startsWith('.') || domain.includes('..')) return fail('domain_dots', 'Le domaine du courriel contient deux points de suite ou commence par un point.');
  const labels = domain.split('.');
  if (labels.length < 2) return fail('domain_no_tld', 'Le domaine du courriel n’a pas d’extension (ex. .fr, .com).');
  if (!labels.every((l) => LABEL.test(l))) {
    return fail('domain_invalid', 'Le domaine du courriel contient un caractère non autorisé (seuls lettres, chiffres, tirets et points).');
  }
  const tld = labels[labels.length - 1] ?? '';
  if (!/^(\p{L}{2,63}|xn--[a-z0-9-]{2,59})$/u.test(tld)) {
    return fail('tld_invalid', 'L’extension du domaine (après le dernier point) doit être faite de lettres, comme .fr ou .com.');
  }
  if ([...s].length > EMAIL_MAX_LENGTH) return fail('too_long', 'Courriel trop long (254 caractères au plus).');
  return ok(s);
}

/** Frequent providers of French families: a domain close to one of these is probably a typo. */
export const FREQUENT_EMAIL_DOMAINS = [
  'gmail.com', 'hotmail.fr', 'hotmail.com', 'yahoo.fr', 'yahoo.com', 'orange.fr', 'wanadoo.fr', 'free.fr',
  'sfr.fr', 'laposte.net', 'outlook.fr', 'outlook.com', 'live.fr', 'icloud.com', 'neuf.fr', 'bbox.fr',
  'aol.com', 'msn.com',
] as const;

// Real domains that sit close to a frequent one and must never be "corrected".
const KNOWN_LEGIT = new Set([
  'mail.com', 'email.com', 'gmx.fr', 'gmx.com', 'gmx.de', 'live.com', 'live.be', 'hotmail.be', 'hotmail.it',
  'hotmail.es', 'hotmail.co.uk', 'yahoo.be', 'yahoo.es', 'yahoo.co.uk', 'outlook.be', 'outlook.es', 'me.com',
  'mac.com', 'ymail.com', 'proton.me', 'protonmail.com', 'numericable.fr', 'club-internet.fr', 'aliceadsl.fr',
  'libertysurf.fr', 'voila.fr', 'cegetel.net', 'nordnet.fr', 'skynet.be', 'orange.com', 'free.com', 'sfr.com',
  'live.ca', 'hotmail.ca', 'yahoo.ca', 'gmail.co.uk', 'icloud.fr',
]);

// Typos seen so often that they are listed rather than left to the edit distance.
const KNOWN_TYPOS: Record<string, string> = {
  'gmail.fr': 'gmail.com', 'gmail.co': 'gmail.com', 'gmal.com': 'gmail.com', 'gmai.com': 'gmail.com',
  'gmial.com': 'gmail.com', 'gnail.com': 'gmail.com', 'gamil.com': 'gmail.com', 'gmaill.com': 'gmail.com',
  'g-mail.com': 'gmail.com', 'googlemail.fr': 'gmail.com', 'hotmail.frr': 'hotmail.fr',
  'laposte.fr': 'laposte.net', 'la-poste.net': 'laposte.net', 'laposte.com': 'laposte.net',
  'hotmial.fr': 'hotmail.fr', 'homail.fr': 'hotmail.fr', 'homail.com': 'hotmail.com', 'hotmal.fr': 'hotmail.fr',
  'yahou.fr': 'yahoo.fr', 'yaho.fr': 'yahoo.fr', 'yahoo.f': 'yahoo.fr', 'orage.fr': 'orange.fr',
  'wanado.fr': 'wanadoo.fr', 'wanaddo.fr': 'wanadoo.fr', 'outlok.fr': 'outlook.fr', 'outloock.fr': 'outlook.fr',
  'icloud.co': 'icloud.com', 'iclou.com': 'icloud.com', 'icoud.com': 'icloud.com',
};

// TLD typos: the part after the last dot.
const TLD_TYPOS: Record<string, string> = {
  con: 'com', cmo: 'com', cpm: 'com', vom: 'com', xom: 'com', comm: 'com', om: 'com', cm: 'com', co: 'com',
  frr: 'fr', ft: 'fr', fe: 'fr', ff: 'fr', rf: 'fr', dr: 'fr', gr: 'fr', f: 'fr', fff: 'fr', ffr: 'fr',
  nte: 'net', ner: 'net', bet: 'net', nett: 'net',
};

/**
 * Suggests the probable intended address when the domain looks like a typo of a frequent provider
 * ("gmial.com", "hotmail.ft", "laposte.fr"). Returns the full suggested email, or null. Never applied
 * automatically: the person confirms.
 */
export function suggestEmailDomain(email: string): string | null {
  const s = cleanText(String(email ?? '')).toLowerCase().replace(/\s+/g, '');
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1) return null;
  const local = s.slice(0, at);
  let domain = s.slice(at + 1).replace(/,/g, '.').replace(/\.{2,}/g, '.');
  domain = domain.replace(/\.+$/, ''); // "orange.fr." → "orange.fr"
  const original = s.slice(at + 1);
  const suggest = (d: string): string | null => (d === original ? null : `${local}@${d}`);

  if ((FREQUENT_EMAIL_DOMAINS as readonly string[]).includes(domain)) return suggest(domain);
  if (KNOWN_LEGIT.has(domain)) return null;
  const listed = KNOWN_TYPOS[domain];
  if (listed) return suggest(listed);

  // Fix a mistyped TLD first, then compare the whole domain with the frequent providers.
  const dot = domain.lastIndexOf('.');
  const candidates = new Set<string>([domain]);
  if (dot > 0) {
    const tld = domain.slice(dot + 1);
    const fixedTld = TLD_TYPOS[tld];
    if (fixedTld) candidates.add(`${domain.slice(0, dot)}.${fixedTld}`);
  } else {
    // "gmailcom", "orangefr": the dot was forgotten.
    for (const f of FREQUENT_EMAIL_DOMAINS) if (f.replace('.', '') === domain) return suggest(f);
  }
  for (const c of candidates) {
    if ((FREQUENT_EMAIL_DOMAINS as readonly string[]).includes(c)) return suggest(c);
    if (KNOWN_TYPOS[c]) return suggest(KNOWN_TYPOS[c]);
  }

  let best: string | null = null;
  let bestDistance = Infinity;
  let tie = false;
  for (const c of candidates) {
    for (const f of FREQUENT_EMAIL_DOMAINS) {
      const d = editDistance(c, f);
      if (d < bestDistance) {
        best = f;
        bestDistance = d;
        tie = false;
      } else if (d === bestDistance && f !== best) {
        tie = true;
      }
    }
  }
  // One edit for short domains ("fre.fr"), two for longer ones ("hotmial.ft").
  const limit = domain.length >= 9 ? 2 : 1;
  if (best && !tie && bestDistance <= limit) return suggest(best);
  return null;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i]!;
      const prev = d[i - 1]!;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      row[j] = v;
    }
  }
  return d[m]![n]!;
}
