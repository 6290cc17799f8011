/**
 * A small text engine on top of pdfkit: our own greedy word wrap, cached per (text, style, width),
 * then one positioned text operation per fragment. Most paragraphs are the same in every letter
 * of a batch, so each is wrapped once per batch; pdfkit's own wrapper would redo it per letter.
 */
import type PDFDocument from 'pdfkit';

export type Doc = InstanceType<typeof PDFDocument>;
export type FontStyle = 'regular' | 'bold' | 'mono';

export const FONT_NAMES: Record<FontStyle, string> = { regular: 'Sans', bold: 'Sans-Bold', mono: 'Mono-Bold' };

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

export interface Pen {
  doc: Doc;
  y: number;
  top: number;
  bottom: number;
  left: number;
  width: number;
  /** Adds a page and draws what a continuation page needs; sets y. */
  newPage: () => void;
  wrapCache: Map<string, Line[]>;
}

let currentFont: FontStyle | null = null;
let currentSize = 0;
let currentDoc: Doc | null = null;

/** pdfkit's font switch is not free; skip it when nothing changes. */
export function setFont(doc: Doc, style: FontStyle, size: number): void {
  if (currentDoc !== doc || currentFont !== style) {
    doc.font(FONT_NAMES[style]);
    currentFont = style;
  }
  if (currentDoc !== doc || currentSize !== size) {
    doc.fontSize(size);
    currentSize = size;
  }
  currentDoc = doc;
}

export function textWidth(doc: Doc, text: string, style: FontStyle, size: number): number {
  setFont(doc, style, size);
  return doc.widthOfString(text);
}

interface Piece {
  text: string;
  style: FontStyle;
}

/** Splits runs into words (glued pieces of possibly several styles) separated by spaces. */
function words(runs: readonly StyledRun[]): Piece[][] {
  const out: Piece[][] = [];
  let current: Piece[] = [];
  for (const run of runs) {
    const parts = run.text.replace(/\s+/g, ' ').split(/( )/);
    for (const part of parts) {
      if (part === '') continue;
      if (part === ' ') {
        if (current.length) out.push(current);
        current = [];
      } else current.push({ text: part, style: run.style });
    }
  }
  if (current.length) out.push(current);
  return out;
}

function breakLongPiece(doc: Doc, piece: Piece, size: number, width: number): Piece[] {
  const chunks: Piece[] = [];
  let chunk = '';
  for (const ch of Array.from(piece.text)) {
    if (chunk && textWidth(doc, chunk + ch, piece.style, size) > width) {
      chunks.push({ text: chunk, style: piece.style });
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) chunks.push({ text: chunk, style: piece.style });
  return chunks;
}

/** Greedy wrap. A word wider than the line is cut by characters rather than overflowing. */
export function wrap(pen: Pen, runs: readonly StyledRun[], size: number, width: number): Line[] {
  const key = `${size}|${width.toFixed(2)}|${runs.map((r) => `${r.style[0]}${r.text}`).join('\u0000')}`;
  const hit = pen.wrapCache.get(key);
  if (hit) return hit;
  const doc = pen.doc;
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
      const w = textWidth(doc, p.text, p.style, size);
      // Fragments are placed left to right, so the last one always ends at x.
      if (last && last.style === p.style) last.text += p.text;
      else line.push({ text: p.text, style: p.style, dx: x });
      x += w;
    }
  };
  for (const word of words(runs)) {
    const wordWidth = word.reduce((s, p) => s + textWidth(doc, p.text, p.style, size), 0);
    const space = line.length ? textWidth(doc, ' ', word[0]!.style, size) : 0;
    if (line.length && x + space + wordWidth > width) flush();
    if (line.length) {
      const style = word[0]!.style;
      const last = line[line.length - 1]!;
      if (last.style === style) last.text += ' ';
      else line.push({ text: ' ', style, dx: x });
      x += textWidth(doc, ' ', style, size);
    }
    if (wordWidth <= width) {
      place(word);
      continue;
    }
    for (const piece of word) {
      for (const chunk of breakLongPiece(doc, piece, size, width)) {
        const w = textWidth(doc, chunk.text, chunk.style, size);
        if (line.length && x + w > width) flush();
        place([chunk]);
      }
    }
  }
  if (line.length) flush();
  pen.wrapCache.set(key, lines);
  return lines;
}

/** Adds a page when the next `height` points would not fit. */
export function ensureSpace(pen: Pen, height: number): void {
  if (pen.y + height > pen.bottom && pen.y > pen.top + 1) pen.newPage();
}

export function drawLine(pen: Pen, line: Line, x: number, y: number, size: number): void {
  for (const f of line.fragments) {
    setFont(pen.doc, f.style, size);
    pen.doc.text(f.text, x + f.dx, y, { lineBreak: false });
  }
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
  const width = pen.width - indent;
  const lines = wrap(pen, runs, o.size, width);
  if (o.keep !== false) ensureSpace(pen, lines.length * o.leading);
  pen.doc.fillColor(o.color ?? '#000000');
  const start = pen.y;
  if (o.marker) {
    setFont(pen.doc, o.marker.style, o.size);
    pen.doc.text(o.marker.text, pen.left + indent * 0.15, pen.y, { lineBreak: false });
  }
  for (const line of lines) {
    if (o.keep === false) ensureSpace(pen, o.leading);
    const x =
      o.align === 'right'
        ? pen.left + pen.width - line.width
        : o.align === 'center'
          ? pen.left + (pen.width - line.width) / 2
          : pen.left + indent;
    drawLine(pen, line, x, pen.y, o.size);
    pen.y += o.leading;
  }
  pen.y += o.after ?? 0;
  return pen.y - start;
}
