/**
 * A small, fast text engine on top of pdfkit, because pdfkit's own text path is too slow for a
 * thousand letters (target: 2 ms a letter on a slow machine):
 * - our own greedy word wrap, with widths measured once per string and cached per batch;
 * - text written as raw PDF operators (one BT…ET a line), glyphs encoded once per string;
 * - a paragraph met a second time with the same text is drawn once as a Form XObject and then
 *   placed with one `Do`: the steps and the FAQ are stored once per file, not once per letter.
 * It relies on pdfkit internals (a font's id/ref/encode, page resources, addContent); pdfkit is
 * pinned in package.json and the tests read the text back from the PDF with pdftotext.
 */
import type PDFDocument from 'pdfkit';

export type Doc = InstanceType<typeof PDFDocument>;
export type FontStyle = 'regular' | 'bold' | 'mono';

export const FONT_NAMES: Record<FontStyle, string> = { regular: 'Sans', bold: 'Sans-Bold', mono: 'Mono-Bold' };
const STYLES: FontStyle[] = ['regular', 'bold', 'mono'];

export const MM = 72 / 25.4;
export const PAGE = { width: 595.28, height: 841.89 };

export interface StyledRun {
  text: string;
  style: FontStyle;
}

interface Fragment {
  text: string;
  style: FontStyle;
  dx: number;
}

export interface Line {
  fragments: Fragment[];
  width: number;
}

/** The parts of a pdfkit embedded font we use. */
interface PdfFont {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(text: string): [string[], Array<{ xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }>];
  widthOfString(text: string, size: number): number;
}

interface FontHandle {
  font: PdfFont;
  ref: unknown;
  /** Width of a string at size 1000, per string. */
  widths: Map<string, number>;
  /** TJ operand per string; null when glyphs need offsets (combining marks): pdfkit draws those. */
  encoded: Map<string, string | null>;
}

interface Form {
  name: string;
  ref: unknown;
}

/** Everything cached for one document. */
export interface Kit {
  doc: Doc;
  fonts: Record<FontStyle, FontHandle>;
  wrapCache: Map<string, Line[]>;
  forms: Map<string, Form>;
  seen: Set<string>;
}

export interface Pen {
  kit: Kit;
  doc: Doc;
  y: number;
  top: number;
  bottom: number;
  left: number;
  width: number;
  /** Adds a page and draws what a continuation page needs; sets y. */
  newPage: () => void;
}

export function createKit(doc: Doc): Kit {
  const fonts = {} as Record<FontStyle, FontHandle>;
  for (const style of STYLES) {
    doc.font(FONT_NAMES[style]);
    const font = (doc as unknown as { _font: PdfFont })._font;
    fonts[style] = { font, ref: font.ref(), widths: new Map(), encoded: new Map() };
  }
  return { doc, fonts, wrapCache: new Map(), forms: new Map(), seen: new Set() };
}

/** Switches pdfkit's own current font, for the few texts pdfkit still draws. */
export function setFont(doc: Doc, style: FontStyle, size: number): void {
  doc.font(FONT_NAMES[style]).fontSize(size);
}

export function textWidth(kit: Kit, text: string, style: FontStyle, size: number): number {
  const h = kit.fonts[style];
  let w = h.widths.get(text);
  if (w === undefined) {
    w = h.font.widthOfString(text, 1000);
    h.widths.set(text, w);
  }
  return (w * size) / 1000;
}

const num = (n: number): string => (Math.round(n * 100) / 100).toString();

function rgb(hex: string): string {
  const v = parseInt(hex.replace('#', ''), 16);
  return `${num(((v >> 16) & 255) / 255)} ${num(((v >> 8) & 255) / 255)} ${num((v & 255) / 255)} rg`;
}

function tjOperand(kit: Kit, text: string, style: FontStyle): string | null {
  const h = kit.fonts[style];
  const hit = h.encoded.get(text);
  if (hit !== undefined) return hit;
  const [hex, positions] = h.font.encode(text);
  let out: string | null = '[';
  let last = 0;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    if (p.xOffset || p.yOffset) {
      out = null;
      break;
    }
    const kern = p.xAdvance - p.advanceWidth;
    if (kern) {
      out += `<${hex.slice(last, i + 1).join('')}> ${num(-kern)} `;
      last = i + 1;
    }
  }
  if (out !== null) out += `<${hex.slice(last).join('')}>] TJ`;
  h.encoded.set(text, out);
  return out;
}

/**
 * Operators for lines in PDF space (y up), first line's top at `top`. Null when a fragment
 * needs pdfkit's positioning.
 */
function lineOps(kit: Kit, lines: readonly Line[], x: number, top: number, size: number, leading: number, spacing = 0): string | null {
  const parts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const base = top - i * leading;
    parts.push('BT');
    if (spacing) parts.push(`${num(spacing)} Tc`);
    let style: FontStyle | null = null;
    for (const f of lines[i]!.fragments) {
      if (f.text.trim() === '') continue;
      const h = kit.fonts[f.style];
      const ops = tjOperand(kit, f.text, f.style);
      if (ops === null) return null;
      if (style !== f.style) parts.push(`/${h.font.id} ${num(size)} Tf`);
      style = f.style;
      const baseline = base - (h.font.ascender * size) / 1000;
      parts.push(`1 0 0 1 ${num(x + f.dx)} ${num(baseline)} Tm`, ops);
    }
    parts.push('ET');
  }
  return parts.join('\n');
}

function useFonts(kit: Kit): void {
  const fonts = (kit.doc.page as unknown as { fonts: Record<string, unknown> }).fonts;
  for (const style of STYLES) {
    const h = kit.fonts[style];
    fonts[h.font.id] ??= h.ref;
  }
}

/** Draws lines on the page at (x, top) in pdfkit's coordinates (y down from the page top). */
export function drawLines(pen: Pen, lines: readonly Line[], x: number, top: number, size: number, leading: number, color = '#000000', spacing = 0): void {
  const kit = pen.kit;
  const doc = pen.doc;
  const ops = lineOps(kit, lines, x, PAGE.height - top, size, leading, spacing);
  if (ops === null) {
    // Rare (decomposed accents): let pdfkit position each glyph.
    doc.fillColor(color);
    lines.forEach((line, i) => {
      for (const f of line.fragments) {
        setFont(doc, f.style, size);
        doc.text(f.text, x + f.dx, top + i * leading, { lineBreak: false, characterSpacing: spacing });
      }
    });
    return;
  }
  useFonts(kit);
  // pdfkit's pages are flipped (y down); undo it for raw PDF operators.
  (doc as unknown as { addContent(s: string): void }).addContent(`q 1 0 0 -1 0 ${num(PAGE.height)} cm ${rgb(color)}\n${ops}\nQ`);
}

export function drawLine(pen: Pen, line: Line, x: number, top: number, size: number, color = '#000000', spacing = 0): void {
  drawLines(pen, [line], x, top, size, 0, color, spacing);
}

/**
 * Draws lines that may repeat in other letters: inline the first time, as a shared Form XObject
 * from the second time on.
 */
function drawShared(pen: Pen, key: string, lines: readonly Line[], x: number, top: number, size: number, leading: number, color: string): void {
  const kit = pen.kit;
  let form = kit.forms.get(key);
  if (!form) {
    if (!kit.seen.has(key)) {
      kit.seen.add(key);
      drawLines(pen, lines, x, top, size, leading, color);
      return;
    }
    const ops = lineOps(kit, lines, 0, 0, size, leading);
    if (ops === null) {
      drawLines(pen, lines, x, top, size, leading, color);
      return;
    }
    const width = Math.max(1, ...lines.map((l) => l.width)) + 20;
    const height = lines.length * leading + size;
    const fonts: Record<string, unknown> = {};
    for (const style of STYLES) fonts[kit.fonts[style].font.id] = kit.fonts[style].ref;
    const ref = (kit.doc as unknown as { ref(data: object): { end(chunk: string): void } }).ref({
      Type: 'XObject',
      Subtype: 'Form',
      FormType: 1,
      BBox: [-20, -height - 5, width, 5],
      Resources: { Font: fonts },
    });
    ref.end(`${rgb(color)}\n${ops}`);
    form = { name: `Tx${kit.forms.size + 1}`, ref };
    kit.forms.set(key, form);
  }
  useFonts(kit);
  const xobjects = (pen.doc.page as unknown as { xobjects: Record<string, unknown> }).xobjects;
  xobjects[form.name] ??= form.ref;
  (pen.doc as unknown as { addContent(s: string): void }).addContent(`q 1 0 0 -1 ${num(x)} ${num(top)} cm /${form.name} Do Q`);
}

interface Piece {
  text: string;
  style: FontStyle;
}

/**
 * Splits runs into words (glued pieces of possibly several styles) separated by spaces; a
 * newline becomes BREAK.
 */
const BREAK: Piece[] = [];
function words(runs: readonly StyledRun[]): Piece[][] {
  const out: Piece[][] = [];
  let current: Piece[] = [];
  for (const run of runs) {
    const parts = run.text.normalize('NFC').replace(/[^\S\n]+/g, ' ').split(/( |\n)/);
    for (const part of parts) {
      if (part === '') continue;
      if (part === ' ' || part === '\n') {
        if (current.length) out.push(current);
        current = [];
        if (part === '\n') out.push(BREAK);
      } else current.push({ text: part, style: run.style });
    }
  }
  if (current.length) out.push(current);
  return out;
}

function breakLongPiece(kit: Kit, piece: Piece, size: number, width: number): Piece[] {
  const chunks: Piece[] = [];
  let chunk = '';
  for (const ch of Array.from(piece.text)) {
    if (chunk && textWidth(kit, chunk + ch, piece.style, size) > width) {
      chunks.push({ text: chunk, style: piece.style });
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) chunks.push({ text: chunk, style: piece.style });
  return chunks;
}

/** Greedy wrap. A word wider than the line breaks after a hyphen or separator, else by characters. */
export function wrap(pen: Pen, runs: readonly StyledRun[], size: number, width: number): Line[] {
  const kit = pen.kit;
  const key = `${size}|${width.toFixed(2)}|${runs.map((r) => `${r.style[0]}${r.text}`).join('\u0000')}`;
  const hit = kit.wrapCache.get(key);
  if (hit) return hit;
  const lines: Line[] = [];
  let line: Fragment[] = [];
  let x = 0;
  const flush = () => {
    lines.push({ fragments: line, width: x });
    line = [];
    x = 0;
  };
  const place = (pieces: Piece[]) => {
    for (const p of pieces) {
      const last = line[line.length - 1];
      // Fragments are placed left to right, so the last one always ends at x.
      if (last && last.style === p.style) last.text += p.text;
      else line.push({ text: p.text, style: p.style, dx: x });
      x += textWidth(kit, p.text, p.style, size);
    }
  };
  for (const word of words(runs)) {
    if (word === BREAK) {
      if (line.length) flush();
      continue;
    }
    const wordWidth = word.reduce((s, p) => s + textWidth(kit, p.text, p.style, size), 0);
    const space = line.length ? textWidth(kit, ' ', word[0]!.style, size) : 0;
    if (line.length && x + space + wordWidth > width) flush();
    if (line.length) place([{ text: ' ', style: word[0]!.style }]);
    if (wordWidth <= width - x) {
      place(word);
      continue;
    }
    for (const piece of word) {
      for (const part of piece.text.split(/(?<=[-‐–/.,_@])/)) {
        for (const chunk of breakLongPiece(kit, { text: part, style: piece.style }, size, width)) {
          const w = textWidth(kit, chunk.text, chunk.style, size);
          if (line.length && x + w > width) flush();
          place([chunk]);
        }
      }
    }
  }
  if (line.length) flush();
  kit.wrapCache.set(key, lines);
  return lines;
}

/** Adds a page when the next `height` points would not fit. */
export function ensureSpace(pen: Pen, height: number): void {
  if (pen.y + height > pen.bottom && pen.y > pen.top + 1) pen.newPage();
}

export interface ParagraphOptions {
  size: number;
  leading: number;
  indent?: number;
  after?: number;
  color?: string;
  align?: 'left' | 'right' | 'center';
  /** Drawn at the left of the first line (bullet, step number), in the indent. */
  marker?: StyledRun;
  /** Keep the paragraph whole on one page (default true). */
  keep?: boolean;
}

export function paragraph(pen: Pen, runs: readonly StyledRun[], o: ParagraphOptions): number {
  const indent = o.indent ?? 0;
  const lines = wrap(pen, runs, o.size, pen.width - indent);
  const color = o.color ?? '#000000';
  const start = pen.y;
  if (o.keep === false) {
    for (const line of lines) {
      ensureSpace(pen, o.leading);
      drawLine(pen, line, pen.left + indent, pen.y, o.size, color);
      pen.y += o.leading;
    }
    pen.y += o.after ?? 0;
    return pen.y - start;
  }
  ensureSpace(pen, lines.length * o.leading);
  const placed: Line[] = lines.map((line) => {
    const dx = o.align === 'right' ? pen.width - line.width : o.align === 'center' ? (pen.width - line.width) / 2 : indent;
    return { width: line.width + dx, fragments: line.fragments.map((f) => ({ ...f, dx: f.dx + dx })) };
  });
  if (o.marker && placed[0]) {
    placed[0] = { width: placed[0].width, fragments: [{ text: o.marker.text, style: o.marker.style, dx: indent * 0.15 }, ...placed[0].fragments] };
  }
  const key = `${o.size}|${o.leading}|${color}|${pen.width.toFixed(2)}|${placed
    .map((l) => l.fragments.map((f) => `${f.style[0]}${f.dx.toFixed(2)}:${f.text}`).join('\u0001'))
    .join('\u0002')}`;
  drawShared(pen, key, placed, pen.left, pen.y, o.size, o.leading, color);
  pen.y += lines.length * o.leading + (o.after ?? 0);
  return pen.y - start;
}
