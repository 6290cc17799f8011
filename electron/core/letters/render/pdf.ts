/**
 * Notification letters as one PDF: a cover listing the batch, then one letter per guardian, each
 * from a new page. Pure rendering: no database, no network. The temporary password goes into the
 * page content and nowhere else (not the metadata, not the QR code, not an error message).
 */
import PDFDocument from 'pdfkit';
import { parseMarkup, type Block } from '../../../../shared/letters/markup';
import { defaultLetterTemplate, placeholdersIn, type LetterTemplate, type LetterTemplateField } from '../../../../shared/letters/template';
import type { LetterBatch, LetterData } from '../../../../shared/letters/types';
import { AppFailure } from '../../errors';
import { drawCover } from './cover';
import { loadLetterFonts } from './fonts';
import { drawLetter, type LetterContext } from './letter';
import { FONT_NAMES, createKit } from './pen';

export type { LetterAddress, LetterBatch, LetterChild, LetterData, LetterSchool } from '../../../../shared/letters/types';
export type { LetterTemplate } from '../../../../shared/letters/template';
export { sortForDistribution } from '../../../../shared/letters/sort';

/** Fixed, so that no name or class ends up in the file's metadata. */
export const PDF_TITLE = 'Courriers de notification';

/** What the QR code of a letter encodes: the activation page, never the password. */
export function qrPayload(letter: Pick<LetterData, 'activationUrl'>): string {
  return String(letter.activationUrl ?? '').trim();
}

function where(i: number, letter: LetterData): string {
  const division = letter.children?.[0]?.division?.trim();
  return `Courrier n° ${i + 1}${division ? ` (classe ${division})` : ''}`;
}

/** Refuses a batch that would print a wrong letter; messages name the letter, never its secrets. */
function checkBatch(batch: LetterBatch): void {
  const problems: string[] = [];
  if (!batch || !Array.isArray(batch.letters)) throw new AppFailure('invalid_input', 'Lot de courriers invalide : liste des courriers absente.');
  if (!batch.school?.name?.trim()) problems.push('Établissement : nom manquant.');
  batch.letters.forEach((l, i) => {
    if (!l || typeof l !== 'object') {
      problems.push(`Courrier n° ${i + 1} : courrier vide.`);
      return;
    }
    const at = where(i, l);
    if (!l.guardian?.lastName?.trim() && !l.guardian?.firstName?.trim()) problems.push(`${at} : nom du responsable manquant.`);
    if (!l.guardian?.address) problems.push(`${at} : adresse du responsable manquante.`);
    if (!Array.isArray(l.children)) problems.push(`${at} : liste des enfants manquante.`);
    if (!l.login?.trim()) problems.push(`${at} : identifiant manquant.`);
    const url = qrPayload(l);
    if (!/^https?:\/\/\S+$/i.test(url)) problems.push(`${at} : adresse d’activation manquante ou invalide (elle doit commencer par https://).`);
    if (l.kind === 'credentials') {
      const pw = l.temporaryPassword ?? '';
      if (!pw.trim()) problems.push(`${at} : mot de passe provisoire manquant pour un courrier d’identifiants.`);
      else if (/\s/.test(pw)) problems.push(`${at} : le mot de passe provisoire contient une espace ; il serait mal recopié.`);
      if (pw.length >= 4 && url.includes(pw)) {
        problems.push(`${at} : l’adresse d’activation contient le mot de passe provisoire ; le code QR ne doit pas le contenir.`);
      }
    } else if (l.kind !== 'reminder') problems.push(`${at} : type de courrier inconnu.`);
  });
  if (problems.length) {
    throw new AppFailure('invalid_input', `Impossible d’imprimer les courriers : ${problems.slice(0, 10).join(' ')}${problems.length > 10 ? ` (et ${problems.length - 10} autres problèmes)` : ''}`, {
      problems,
    });
  }
}

/** A template from staff, completed with the default for any field that is not text. */
function completeTemplate(t: LetterTemplate | undefined): LetterTemplate {
  if (!t) return defaultLetterTemplate;
  const out = { ...defaultLetterTemplate };
  for (const key of Object.keys(defaultLetterTemplate) as LetterTemplateField[]) {
    const v = (t as unknown as Record<string, unknown>)[key];
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

function scrub(message: string, batch: LetterBatch): string {
  let m = message;
  for (const l of batch.letters ?? []) {
    if (l?.temporaryPassword) m = m.split(l.temporaryPassword).join('•••');
  }
  return m;
}

export async function renderLettersPdf(batch: LetterBatch): Promise<{ pdf: Uint8Array; pages: number }> {
  checkBatch(batch);
  const fonts = loadLetterFonts();
  const template = completeTemplate(batch.template);
  const blockCache = new Map<LetterTemplateField, Block[]>();
  const placeholderCache = new Map<LetterTemplateField, string[]>();
  const ctx: LetterContext = {
    school: batch.school,
    template,
    printedAt: batch.printedAt,
    blocks: (field) => {
      let b = blockCache.get(field);
      if (!b) blockCache.set(field, (b = parseMarkup(template[field])));
      return b;
    },
    qrPayload,
    placeholders: (field) => {
      let names = placeholderCache.get(field);
      if (!names) placeholderCache.set(field, (names = [...new Set(placeholdersIn(template[field]))]));
      return names;
    },
  };

  const chunks: Buffer[] = [];
  let pages = 0;
  try {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 0,
      autoFirstPage: false,
      compress: true,
      lang: 'fr-FR',
      displayTitle: true,
      info: { Title: PDF_TITLE },
    });
    // No personal data in metadata: a fixed title, our name instead of pdfkit's, the print time
    // (pdfkit's XMP block needs a creation date).
    const printed = new Date(batch.printedAt);
    Object.assign(doc.info, { Title: PDF_TITLE, Creator: 'Sésame', Producer: 'Sésame' });
    if (!Number.isNaN(printed.getTime())) doc.info.CreationDate = printed;
    doc.registerFont(FONT_NAMES.regular, fonts.regular);
    doc.registerFont(FONT_NAMES.bold, fonts.bold);
    doc.registerFont(FONT_NAMES.mono, fonts.mono);
    const done = new Promise<void>((resolve, reject) => {
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', resolve);
      doc.on('error', reject);
    });
    const kit = createKit(doc);
    pages += drawCover(kit, batch);
    const total = batch.letters.length;
    batch.letters.forEach((letter, i) => {
      pages += drawLetter(kit, ctx, letter, { number: i + 1, total });
    });
    doc.end();
    await done;
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    // pdfkit messages may quote the text being drawn: scrub, and keep no cause.
    const message = e instanceof Error ? e.message : String(e);
    throw new AppFailure('internal', `Le PDF des courriers n’a pas pu être produit : ${scrub(message, batch)}`);
  }
  const size = chunks.reduce((s, c) => s + c.length, 0);
  const pdf = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    pdf.set(c, at);
    at += c.length;
  }
  return { pdf, pages };
}
