/** One notification letter: A4, French, recipient placed for a DL window envelope. */
import { confusableHints, childLine, formatDateWordsFr, letterValues, recipientLines, schoolLines } from '../../../../shared/letters/format';
import type { Block } from '../../../../shared/letters/markup';
import { fillTemplate, type LetterTemplate, type LetterTemplateField, type PlaceholderValues } from '../../../../shared/letters/template';
import type { LetterData, LetterSchool } from '../../../../shared/letters/types';
import { MM, PAGE, box, drawLine, drawLines, ensureSpace, section, paragraph, textWidth, wrap, type Kit, type Line, type Pen, type StyledRun } from './pen';
import { drawQr } from './qr';

/**
 * The window of a French DL envelope (220×110, window 100×45 at 20 mm from the right, 15 mm from
 * the bottom) seen through a sheet folded in three, allowing for the sheet sliding in the envelope:
 * the recipient stays in x 110–195 mm, y 52–84 mm.
 */
export const ADDRESS_WINDOW = { x: 110 * MM, y: 52 * MM, width: 85 * MM, height: 32 * MM };

const LEFT = 20 * MM;
const RIGHT = 15 * MM;
const CONTENT_WIDTH = PAGE.width - LEFT - RIGHT;
const TOP = 18 * MM;
const FOOTER_Y = PAGE.height - 11 * MM;
const BOTTOM = FOOTER_Y - 4 * MM;

const INK = '#000000';
const GREY = '#4a4a4a';
const ACCENT = '#1d3b6e';

const BODY = { size: 9, leading: 11.2 };
const SMALL = { size: 7.6, leading: 9.3 };

export interface LetterContext {
  school: LetterSchool;
  template: LetterTemplate;
  printedAt: string;
  blocks: (field: LetterTemplateField) => Block[];
  /** The QR payload of a letter: the activation URL only. */
  qrPayload: (letter: LetterData) => string;
  /** Placeholder names each template field uses. */
  placeholders: (field: LetterTemplateField) => string[];
}

/** Everything a section drawn from these template fields depends on, besides the batch. */
function sectionKey(ctx: LetterContext, name: string, fields: LetterTemplateField[], values: PlaceholderValues): string {
  const used = new Set(fields.flatMap((f) => ctx.placeholders(f)));
  // Drawn outside the template's placeholders: the date line and the closing's formula.
  used.add('appel');
  used.add('date');
  const v = values as Record<string, string | undefined>;
  return `${name}\u0000${fields.join(',')}\u0000${[...used].sort().map((n) => `${n}=${v[n] ?? ''}`).join('\u0001')}`;
}

function runsOf(block: Exclude<Block, { kind: 'children' }>, values: PlaceholderValues, bold = false): StyledRun[] {
  return block.runs.map((r) => ({ text: fillTemplate(r.text, values), style: r.bold || bold ? 'bold' : 'regular' }));
}

function drawBlocks(pen: Pen, blocks: Block[], values: PlaceholderValues, letter: LetterData, t: { size: number; leading: number }): void {
  const gap = t.leading * 0.35;
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        // A heading never ends a page alone.
        ensureSpace(pen, t.leading * 3.2);
        pen.y += gap;
        paragraph(pen, runsOf(block, values, true), { size: t.size + 0.8, leading: t.leading + 1, color: ACCENT, after: 1.5 });
        break;
      case 'paragraph':
        paragraph(pen, runsOf(block, values), { size: t.size, leading: t.leading, after: gap });
        break;
      case 'bullet':
        paragraph(pen, runsOf(block, values), {
          size: t.size,
          leading: t.leading,
          indent: 10,
          marker: { text: '•', style: 'bold' },
          after: gap * 0.6,
        });
        break;
      case 'step':
        paragraph(pen, runsOf(block, values), {
          size: t.size,
          leading: t.leading,
          indent: 13,
          marker: { text: block.label, style: 'bold' },
          after: gap * 0.6,
        });
        break;
      case 'children': {
        // Many children: two columns, so that a large family still gets a one-page letter.
        const lines = letter.children.map(childLine);
        const rows = Math.ceil(lines.length / 2);
        const twoColumns = lines.length > 3 && rows * t.leading < (pen.bottom - pen.top) / 2;
        const columns = twoColumns ? [lines.slice(0, rows), lines.slice(rows)] : [lines];
        const colWidth = twoColumns ? (pen.width - 14) / 2 : pen.width;
        if (twoColumns) ensureSpace(pen, rows * t.leading);
        const save = { left: pen.left, width: pen.width };
        const top = pen.y;
        let bottom = pen.y;
        columns.forEach((column, c) => {
          pen.left = save.left + c * (colWidth + 14);
          pen.width = colWidth;
          pen.y = top;
          for (const text of column) {
            paragraph(pen, [{ text, style: 'bold' }], { size: t.size, leading: t.leading, indent: 14, marker: { text: '–', style: 'bold' } });
          }
          // One column may run onto a new page; two columns only when they fit.
          bottom = twoColumns ? Math.max(bottom, pen.y) : pen.y;
        });
        pen.left = save.left;
        pen.width = save.width;
        pen.y = bottom;
        pen.y += gap;
        break;
      }
    }
  }
}

/** Height of a block at a width, from the (cached) wrap: used to balance columns. */
function blockHeight(pen: Pen, block: Block, values: PlaceholderValues, letter: LetterData, t: { size: number; leading: number }, width: number): number {
  const gap = t.leading * 0.35;
  if (block.kind === 'children') return (letter.children.length > 3 ? Math.ceil(letter.children.length / 2) : letter.children.length) * t.leading + gap;
  if (block.kind === 'heading') return gap + wrap(pen, runsOf(block, values, true), t.size + 0.8, width).length * (t.leading + 1) + 1.5;
  const indent = block.kind === 'bullet' ? 10 : block.kind === 'step' ? 13 : 0;
  const after = block.kind === 'paragraph' ? gap : gap * 0.6;
  return wrap(pen, runsOf(block, values), t.size, width - indent).length * t.leading + after;
}

/**
 * Leading headings full width, the rest in two balanced columns (order kept: left column first).
 * Used for the condensed FAQ, where it saves a third of a page.
 */
function drawTwoColumns(pen: Pen, blocks: Block[], values: PlaceholderValues, letter: LetterData, t: { size: number; leading: number }): void {
  let i = 0;
  while (i < blocks.length && blocks[i]!.kind === 'heading') i++;
  drawBlocks(pen, blocks.slice(0, i), values, letter, t);
  const rest = blocks.slice(i);
  if (rest.length === 0) return;
  const gutter = 14;
  const colWidth = (pen.width - gutter) / 2;
  const heights = rest.map((b) => blockHeight(pen, b, values, letter, t, colWidth));
  const total = heights.reduce((a, b) => a + b, 0);
  let split = rest.length;
  let best = Infinity;
  let acc = 0;
  for (let k = 0; k <= rest.length; k++) {
    const tallest = Math.max(acc, total - acc);
    if (tallest < best) {
      best = tallest;
      split = k;
    }
    acc += heights[k] ?? 0;
  }
  if (pen.y + best > pen.bottom) {
    // Not enough room for the columns: flow them one after the other instead.
    drawBlocks(pen, rest, values, letter, t);
    return;
  }
  const save = { left: pen.left, width: pen.width, y: pen.y };
  pen.width = colWidth;
  drawBlocks(pen, rest.slice(0, split), values, letter, t);
  const leftEnd = pen.y;
  pen.y = save.y;
  pen.left = save.left + colWidth + gutter;
  drawBlocks(pen, rest.slice(split), values, letter, t);
  const rightEnd = pen.y;
  pen.left = save.left;
  pen.width = save.width;
  pen.y = Math.max(leftEnd, rightEnd);
}

function drawLetterhead(pen: Pen, school: LetterSchool): void {
  const width = 85 * MM;
  const save = { left: pen.left, width: pen.width, y: pen.y };
  pen.left = LEFT;
  pen.width = width;
  pen.y = 14 * MM;
  paragraph(pen, [{ text: school.name, style: 'bold' }], { size: 11, leading: 13, color: ACCENT, after: 1 });
  paragraph(pen, [{ text: schoolLines(school).join('\n'), style: 'regular' }], { size: 8, leading: 9.8, color: GREY });
  pen.left = save.left;
  pen.width = save.width;
  pen.y = save.y;
}

/** Largest size at which the address fits the window unwrapped; else the largest that fits wrapped. */
function drawRecipient(pen: Pen, letter: LetterData): void {
  const lines = recipientLines(letter.guardian);
  const w = ADDRESS_WINDOW;
  type Fit = { size: number; wrapped: Line[] };
  let chosen: Fit | null = null;
  let fallback: Fit | null = null;
  for (let size = 10; size >= 7; size -= 0.5) {
    const wrapped = lines.flatMap((l) => wrap(pen, [{ text: l, style: 'regular' }], size, w.width));
    // 2 pt from the window's top edge; the last line's descenders included.
    const height = 2 + wrapped.length * size * 1.2;
    if (height > w.height) continue;
    if (wrapped.length === lines.length) {
      chosen = { size, wrapped };
      break;
    }
    fallback ??= { size, wrapped };
  }
  const pick = chosen ?? fallback ?? { size: 7, wrapped: lines.flatMap((l) => wrap(pen, [{ text: l, style: 'regular' }], 7, w.width)) };
  drawLines(pen, pick.wrapped, w.x, w.y + 2, pick.size, pick.size * 1.2);
}

const FOOTER = 'Courrier personnel. Ne communiquez jamais votre mot de passe : l’établissement ne vous le demandera pas.';

function drawFooter(pen: Pen): void {
  const { y, bottom } = pen;
  // Below the text area on purpose.
  pen.y = FOOTER_Y;
  pen.bottom = PAGE.height;
  paragraph(pen, [{ text: FOOTER, style: 'regular' }], { size: 6.8, leading: 8, color: GREY, align: 'center' });
  pen.y = y;
  pen.bottom = bottom;
}

function fitSize(kit: Kit, text: string, style: 'mono' | 'bold', max: number, min: number, width: number, spacing: number): number {
  for (let size = max; size > min; size -= 0.5) {
    if (textWidth(kit, text, style, size) + spacing * (Array.from(text).length - 1) <= width) return size;
  }
  return min;
}

/** One unwrapped line of one style. */
function single(kit: Kit, text: string, style: 'regular' | 'bold' | 'mono', size: number): Line {
  return { fragments: [{ text, style, dx: 0 }], width: textWidth(kit, text, style, size) };
}

/**
 * The boxed block: identifier and (for a first letter) the temporary password in a clear
 * monospace, what the confusable characters are, the expiry; the QR code on the right.
 */
function drawCredentials(pen: Pen, ctx: LetterContext, letter: LetterData): void {
  const kit = pen.kit;
  const pad = 8;
  const qrSize = 23 * MM;
  // Room for the quiet zone a reader needs around the code (4 modules, about 3 mm).
  const rightWidth = qrSize + 9 * MM;
  const leftWidth = CONTENT_WIDTH - rightWidth - pad * 3;
  const spacing = 1.6;
  const isCredentials = letter.kind === 'credentials';
  const password = isCredentials ? (letter.temporaryPassword ?? '') : '';

  // Measure first: the frame is drawn before its content.
  const loginSize = fitSize(kit, letter.login, 'mono', 15, 7, leftWidth, spacing);
  const passwordSize = isCredentials ? fitSize(kit, password, 'mono', 15, 7, leftWidth, spacing) : 0;
  const expiry = formatDateWordsFr(letter.expiresAt, ctx.school.timeZone);
  const hints = confusableHints(letter.login + password);
  const notes: StyledRun[][] = [];
  if (isCredentials) {
    notes.push([
      { text: expiry ? `Mot de passe provisoire valable jusqu’au ${expiry}` : 'Mot de passe provisoire', style: 'bold' },
      { text: ', à usage unique. Respectez les majuscules et les minuscules.', style: 'regular' },
    ]);
  } else {
    notes.push([
      { text: 'Mot de passe : ', style: 'bold' },
      { text: 'celui que vous avez choisi à l’activation. Il n’est jamais envoyé par courrier.', style: 'regular' },
    ]);
  }
  if (hints.length) {
    // The characters themselves in the monospace of the box: in a sans font, l and I look alike.
    const runs: StyledRun[] = [{ text: 'Attention : ', style: 'regular' }];
    hints.forEach((h, i) => runs.push({ text: h.char, style: 'mono' }, { text: ` = ${h.meaning}${i < hints.length - 1 ? ' ; ' : '.'}`, style: 'regular' }));
    notes.push(runs);
  }
  const noteLines = notes.map((n) => wrap(pen, n, 7.8, leftWidth));
  const label = 7.5;
  const leftHeight =
    label + 3 + loginSize * 1.15 + 6 +
    (isCredentials ? label + 3 + passwordSize * 1.15 + 6 : 0) +
    noteLines.reduce((s, l) => s + l.length * 9.6 + 2, 0);
  const payload = ctx.qrPayload(letter);
  const urlLines = wrapUrl(kit, payload, 6.4, rightWidth);
  const rightHeight = 2 * 7.6 + 3 * MM + qrSize + 2 * MM + urlLines.length * 7.6;
  const height = Math.max(leftHeight, rightHeight) + pad * 2;

  ensureSpace(pen, height + 6);
  const x = pen.left;
  const y = pen.y;
  box(pen, x, y, CONTENT_WIDTH, height, { stroke: ACCENT, lineWidth: 1.4, radius: 4 });
  const divider = x + CONTENT_WIDTH - rightWidth - pad * 1.5;
  box(pen, divider, y + pad, 0.5, height - 2 * pad, { fill: '#9aa5b8' });

  let ly = y + pad;
  const lx = x + pad;
  const field = (name: string, value: string, size: number) => {
    drawLine(pen, single(kit, name, 'regular', label), lx, ly, label, GREY);
    ly += label + 3;
    drawLine(pen, single(kit, value, 'mono', size), lx, ly, size, INK, spacing);
    ly += size * 1.15 + 6;
  };
  field('IDENTIFIANT', letter.login, loginSize);
  if (isCredentials) field('MOT DE PASSE PROVISOIRE', password, passwordSize);
  for (const lines of noteLines) {
    for (const line of lines) {
      drawLine(pen, line, lx, ly, 7.8);
      ly += 9.6;
    }
    ly += 2;
  }

  const rx = divider + pad * 1.5 - 2;
  let ry = y + pad - 1;
  for (const text of ['Scannez avec', 'votre téléphone']) {
    const line = single(kit, text, 'bold', 6.8);
    drawLine(pen, line, rx + (rightWidth - line.width) / 2, ry, 6.8, ACCENT);
    ry += 7.6;
  }
  ry += 3 * MM;
  drawQr(pen, payload, rx + (rightWidth - qrSize) / 2, ry, qrSize);
  ry += qrSize + 2 * MM;
  for (const line of urlLines) {
    // Cut by characters only when a piece alone is wider than the column.
    drawLine(pen, single(kit, line.text, 'regular', 6.4), rx + Math.max(0, (rightWidth - line.width) / 2), ry, 6.4);
    ry += 7.6;
  }
  pen.y = y + height + 8;
}

/** Breaks a URL after its separators rather than in the middle of a word. */
function wrapUrl(kit: Kit, url: string, size: number, width: number): Array<{ text: string; width: number }> {
  const tokens = url.match(/[^/.?&=-]*[/.?&=-]*/g)?.filter(Boolean) ?? [url];
  const lines: Array<{ text: string; width: number }> = [];
  let current = '';
  for (const token of tokens) {
    if (current && textWidth(kit, current + token, 'regular', size) > width) {
      lines.push({ text: current, width: textWidth(kit, current, 'regular', size) });
      current = '';
    }
    current += token;
  }
  if (current) lines.push({ text: current, width: textWidth(kit, current, 'regular', size) });
  return lines;
}

function drawNotice(pen: Pen, runs: StyledRun[]): void {
  const pad = 5;
  const save = { left: pen.left, width: pen.width };
  const lines = wrap(pen, runs, BODY.size, pen.width - pad * 2 - 4);
  const height = lines.length * BODY.leading + pad * 2 - 2;
  ensureSpace(pen, height + 6);
  box(pen, pen.left, pen.y, pen.width, height, { fill: '#ececec' });
  box(pen, pen.left, pen.y, 3, height, { fill: INK });
  let y = pen.y + pad;
  for (const line of lines) {
    drawLine(pen, line, pen.left + pad + 4, y, BODY.size);
    y += BODY.leading;
  }
  pen.left = save.left;
  pen.width = save.width;
  pen.y += height + 6;
}

const SIGNATURE_X = 110 * MM;
const SIGNATURE_WIDTH = PAGE.width - RIGHT - SIGNATURE_X;

function signatoryOf(school: LetterSchool): string {
  return school.signatory?.trim() || 'Le secrétariat élèves';
}

function drawSignature(pen: Pen, school: LetterSchool): void {
  const lines = wrap(pen, [{ text: signatoryOf(school), style: 'bold' }], BODY.size, SIGNATURE_WIDTH);
  ensureSpace(pen, 4 + lines.length * BODY.leading);
  pen.y += 4;
  for (const line of lines) {
    drawLine(pen, line, SIGNATURE_X, pen.y, BODY.size);
    pen.y += BODY.leading;
  }
}

export interface LetterPosition {
  number: number;
  total: number;
}

/** Draws one letter from a fresh page on; returns the number of pages it took. */
export function drawLetter(kit: Kit, ctx: LetterContext, letter: LetterData, pos: LetterPosition): number {
  const doc = kit.doc;
  let pages = 1;
  const values = letterValues(ctx.school, letter, ctx.template, ctx.printedAt);
  const division = letter.children[0]?.division?.trim();
  const reference = `Courrier ${pos.number}/${pos.total}${division ? ` · ${division}` : ''}`;

  const pen: Pen = {
    doc,
    y: TOP,
    top: TOP,
    bottom: BOTTOM,
    left: LEFT,
    width: CONTENT_WIDTH,
    kit,
    newPage: () => {
      doc.addPage();
      pages++;
      drawFooter(pen);
      // A continuation page says whose letter it is, in case pages get separated.
      const who = recipientLines(letter.guardian)[0] ?? '';
      pen.y = 12 * MM;
      paragraph(pen, [{ text: `${reference} – suite du courrier adressé à ${who}`, style: 'regular' }], {
        size: 7.5,
        leading: 9,
        color: GREY,
        keep: false,
        after: 8,
      });
    },
  };

  doc.addPage();
  const ref = single(kit, reference, 'regular', 7.5);
  drawLine(pen, ref, PAGE.width - RIGHT - ref.width, 10 * MM, 7.5, GREY);
  drawRecipient(pen, letter);
  const isCredentials = letter.kind === 'credentials';
  // Everything at a fixed place that depends only on the school, the date and the salutation.
  pen.y = 0;
  const headFields: LetterTemplateField[] = [isCredentials ? 'subjectCredentials' : 'subjectReminder', 'greeting'];
  section(pen, sectionKey(ctx, 'head', headFields, values), () => {
    drawFooter(pen);
    drawLetterhead(pen, ctx.school);
    // Date and place on the left, level with the window's last line: hidden by the envelope.
    const date = values.date;
    const city = ctx.school.city?.trim();
    pen.y = 74 * MM;
    pen.width = ADDRESS_WINDOW.x - LEFT - 8 * MM;
    paragraph(pen, [{ text: city ? `${city}, le ${date}` : `Le ${date}`, style: 'regular' }], BODY);
    pen.width = CONTENT_WIDTH;
    pen.y = 85 * MM;
    for (const b of ctx.blocks(isCredentials ? 'subjectCredentials' : 'subjectReminder')) {
      if (b.kind !== 'children') paragraph(pen, runsOf(b, values, true), { size: 9.8, leading: 12.5, after: 2 });
    }
    pen.y += 6;
    drawBlocks(pen, ctx.blocks('greeting'), values, letter, BODY);
  });
  drawBlocks(pen, ctx.blocks(isCredentials ? 'introCredentials' : 'introReminder'), values, letter, BODY);
  if (letter.reissued && isCredentials) {
    const runs = ctx.blocks('reissued').flatMap((b) => (b.kind === 'children' ? [] : runsOf(b, values)));
    if (runs.length) drawNotice(pen, runs);
  }
  drawCredentials(pen, ctx, letter);
  // Sections: each is stored once in the file when identical in several letters.
  const steps = isCredentials ? 'stepsCredentials' : 'stepsReminder';
  section(pen, sectionKey(ctx, 'steps', [steps], values), () => drawBlocks(pen, ctx.blocks(steps), values, letter, BODY));
  if (isCredentials) {
    const alternative = letter.maskedPhone ? 'selfRegistration' : 'selfRegistrationNoPhone';
    section(pen, sectionKey(ctx, 'alternative', [alternative], values), () => drawBlocks(pen, ctx.blocks(alternative), values, letter, BODY));
  }
  section(pen, sectionKey(ctx, 'tail', ['help', 'closing'], values), () => {
    drawTwoColumns(pen, ctx.blocks('help'), values, letter, SMALL);
    pen.y += 3;
    // The closing and the signature stay together: a signature alone on a page looks like a mistake.
    const closing = ctx.blocks('closing');
    const signatureHeight = 4 + wrap(pen, [{ text: signatoryOf(ctx.school), style: 'bold' }], BODY.size, SIGNATURE_WIDTH).length * BODY.leading;
    ensureSpace(pen, closing.reduce((h, b) => h + blockHeight(pen, b, values, letter, BODY, pen.width), 0) + signatureHeight);
    drawBlocks(pen, closing, values, letter, BODY);
    drawSignature(pen, ctx.school);
  });
  return pages;
}
