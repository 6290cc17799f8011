// Bytes → text. Encodings are detected here, never by the browser: BOM first, then strict UTF-8,
// then Windows-1252 (what Excel writes for "CSV (séparateur : point-virgule)" on French Windows).
import { createHash } from 'node:crypto';
import { AppFailure } from '../errors';

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

const SIGNATURES: Array<{ bytes: number[]; what: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'zip' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'xls' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'pdf' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'rtf' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'image' },
  { bytes: [0x1f, 0x8b], what: 'archive' },
];

const startsWith = (b: Uint8Array, sig: number[]) => b.length >= sig.length && sig.every((v, i) => b[i] === v);

function refuse(file: string, why: string): AppFailure {
  return new AppFailure('unusable_file', `Le fichier « ${file} » ne peut pas être importé : ${why}`, { file });
}

function binaryMessage(what: string, file: string): string {
  const lower = file.toLowerCase();
  switch (what) {
    case 'zip':
      if (lower.endsWith('.ods')) {
          return 'Ce fichier est un classeur OpenOffice/LibreOffice (.ods) : enregistrez-le au format CSV depuis le tableur puis importez le CSV.';
      }
      return 'Ce fichier est un classeur Excel (.xlsx) : enregistrez-le au format CSV depuis Excel puis importez le CSV.';
    case 'xls':
      return 'Ce fichier est un classeur Excel (.xls) : enregistrez-le au format CSV depuis Excel puis importez le CSV.';
    case 'pdf':
      return 'Ce fichier est un document PDF, pas un tableau : demandez l’export CSV de la liste.';
    case 'rtf':
      return 'Ce fichier est un document de traitement de texte, pas un tableau : enregistrez le tableau au format CSV.';
    case 'image':
      return 'Ce fichier est une image, pas un tableau : demandez l’export CSV de la liste.';
    default:
      return 'Ce fichier est une archive compressée : décompressez-la et importez le fichier CSV qu’elle contient.';
  }
}

// Bytes 0x80–0x9F of Windows-1252 (€, Œ, œ, typographic quotes…); the rest is Latin-1.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Windows-1252 by hand: Node 20's TextDecoder('windows-1252') decodes Latin-1 instead. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return /[\u0080-\u009f]/.test(latin1) ? latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] as string) : latin1;
}

/** Decodes a sheet's bytes. Throws AppFailure('unusable_file') for an empty or non-text file. */
export function decodeSheet(bytes: Uint8Array, file: string): Decoded {
  if (bytes.length === 0) throw refuse(file, 'il est vide.');
  for (const sig of SIGNATURES) {
    if (startsWith(bytes, sig.bytes)) {
      throw new AppFailure('unusable_file', `« ${file} » : ${binaryMessage(sig.what, file)}`, { file });
    }
  }
  let decoded: Decoded;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    decoded = { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    decoded = { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    decoded = { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  } else {
    // A NUL byte never occurs in an 8-bit text file: this is binary (or UTF-16 without BOM).
    if (bytes.indexOf(0) >= 0) {
      throw refuse(file, 'ce n’est pas un fichier texte (CSV). Enregistrez le tableau au format CSV puis importez-le.');
    }
    try {
      decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
    } catch {
      decoded = { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
    }
  }
  if (decoded.text.trim() === '') throw refuse(file, 'il ne contient que des espaces ou des lignes vides.');
  return decoded;
}

/** Lower-case hex SHA-256 of the bytes, recorded with each import run. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
