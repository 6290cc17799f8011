/**
 * A small, fast text engine on top of pdfkit, because pdfkit's own text path is too slow for a
 * thousand letters (target: 2 ms a letter on a slow machine):
 * - our own greedy word wrap, with widths measured once per string and cached per batch;
 * - glyphs looked up per code point (no OpenType shaping: Latin text in NFC needs none);
 * - text written as raw PDF operators (one BT…ET a line), each string encoded once;
 * - a paragraph met a second time with the same text is drawn once as a Form XObject and then
 *   placed with one `Do`: the steps and the FAQ are stored once per file, not once per letter.
 * It relies on pdfkit internals (an embedded font's subset, widths and unicode tables, page
 * resources, addContent); pdfkit is pinned in package.json and the tests read the text back from
 * the PDF with pdftotext.
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

/** The parts of a pdfkit embedded font (and of its fontkit font) we use. */
interface PdfFont {
  id: string;
  ascender: number;
  scale: number;
  ref(): unknown;
  font: { glyphForCodePoint(cp: number): { id: number; advanceWidth: number } };
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
}

interface GlyphInfo {
  /** Glyph id in the subset as two bytes, escaped for a PDF literal string; null until drawn. */
  code: string | null;
  id: number;
  /** Advance at size 1000. */
  advance: number;
}

interface FontHandle {
  font: PdfFont;
  ref: unknown;
  glyphs: Map<number, GlyphInfo>;
  /** Width of a string at size 1000, per string. */
  widths: Map<string, number>;
  /** Tj operand per string. */
  encoded: Map<string, string>;
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
  formCount: number;
  /** Sections already drawn, by the caller's key: their operators and how far they move y. */
  sections: Map<string, { body: string; advance: number }>;
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
  /** Set while drawing a section: operators go here, y relative to `origin`. */
  capture?: { ops: string[]; origin: number } | null;
}

export function createKit(doc: Doc): Kit {
  const fonts = {} as Record<FontStyle, FontHandle>;
  for (const style of STYLES) {
    doc.font(FONT_NAMES[style]);
    const font = (doc as unknown as { _font: PdfFont })._font;
    fonts[style] = { font, ref: font.ref(), glyphs: new Map(), widths: new Map(), encoded: new Map() };
  }
  return { doc, fonts, wrapCache: new Map(), forms: new Map(), seen: new Set(), formCount: 0, sections: new Map() };
}

/**
 * Glyphs are looked up one code point at a time, without OpenType shaping: fontkit's layout costs
 * about 0.1 ms a string, and every name, login and password is a new string. Latin text needs no
 * shaping once in NFC; the price is no kerning, the same in measuring and in drawing.
 */
function glyph(h: FontHandle, cp: number): GlyphInfo {
  let g = h.glyphs.get(cp);
  if (!g) {
    const fk = h.font.font.glyphForCodePoint(cp);
    g = { code: null, id: fk.id, advance: fk.advanceWidth * h.font.scale };
    h.glyphs.set(cp, g);
  }
  return g;
}

export function textWidth(kit: Kit, text: string, style: FontStyle, size: number): number {
  const h = kit.fonts[style];
  let w = h.widths.get(text);
  if (w === undefined) {
    w = 0;
    for (const ch of text) w += glyph(h, ch.codePointAt(0)!).advance;
    h.widths.set(text, w);
  }
  return (w * size) / 1000;
}

const num = (n: number): string => (Math.round(n * 100) / 100).toString();

function rgb(hex: string): string {
  const v = parseInt(hex.replace('#', ''), 16);
  return `${num(((v >> 16) & 255) / 255)} ${num(((v >> 8) & 255) / 255)} ${num((v & 255) / 255)} rg`;
}

const ESCAPES: Record<number, string> = { 0x28: '\\(', 0x29: '\\)', 0x5c: '\\\\', 0x0d: '\\r', 0x0a: '\\n' };

/** A 2-byte glyph code as latin1 characters (pdfkit writes content strings byte per char). */
function literalBytes(gid: number): string {
  const byte = (b: number) => ESCAPES[b] ?? String.fromCharCode(b);
  return byte(gid >> 8) + byte(gid & 255);
}

/** What pdfkit's own encode does: put the glyph in the subset, record its width and text. */
function tjOperand(kit: Kit, text: string, style: FontStyle): string {
  const h = kit.fonts[style];
  const hit = h.encoded.get(text);
  if (hit !== undefined) return hit;
  let bytes = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const g = glyph(h, cp);
    if (g.code === null) {
      const gid = h.font.subset.includeGlyph(g.id);
      h.font.widths[gid] ??= g.advance;
      h.font.unicode[gid] ??= [cp];
      g.code = literalBytes(gid);
    }
    bytes += g.code;
  }
  // Literal rather than hex: half the bytes to write and to compress.
  const out = `(${bytes}) Tj`;
  h.encoded.set(text, out);
  return out;
}

/** Operators for lines in PDF space (y up), first line's top at `top`. */
function lineOps(kit: Kit, lines: readonly Line[], x: number, top: number, size: number, leading: number, spacing = 0): string {
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

function addContent(doc: Doc, ops: string): void {
  (doc as unknown as { addContent(s: string): void }).addContent(ops);
}

/** Writes operators in pdfkit's page coordinates (y down), or into the section being captured. */
function emit(pen: Pen, ops: string): void {
  if (pen.capture) pen.capture.ops.push(ops);
  else {
    useFonts(pen.kit);
    addContent(pen.doc, ops);
  }
}

/** y in the coordinates being written: the page's, or the captured section's. */
const yOf = (pen: Pen, top: number): number => (pen.capture ? top - pen.capture.origin : top);

/** Draws lines at (x, top) in pdfkit's coordinates (y down from the page top). */
export function drawLines(pen: Pen, lines: readonly Line[], x: number, top: number, size: number, leading: number, color = '#000000', spacing = 0): void {
  const ops = lineOps(pen.kit, lines, x, PAGE.height - yOf(pen, top), size, leading, spacing);
  // pdfkit's pages are flipped (y down); undo it for text operators.
  emit(pen, `q 1 0 0 -1 0 ${num(PAGE.height)} cm ${rgb(color)}\n${ops}\nQ`);
}

export function drawLine(pen: Pen, line: Line, x: number, top: number, size: number, color = '#000000', spacing = 0): void {
  drawLines(pen, [line], x, top, size, 0, color, spacing);
}

/** A thin horizontal rule across the pen's width. */
export function rule(pen: Pen, top: number, color = '#b5b5b5', width = 0.3): void {
  const y = num(yOf(pen, top));
  emit(pen, `${width} w ${rgb(color).replace(/rg$/, 'RG')} ${num(pen.left)} ${y} m ${num(pen.left + pen.width)} ${y} l S`);
}

export interface BoxStyle {
  fill?: string;
  stroke?: string;
  lineWidth?: number;
  radius?: number;
}

/** A rectangle as compact raw operators (pdfkit's path API writes long floats and is slow). */
export function box(pen: Pen, x: number, top: number, width: number, height: number, style: BoxStyle): void {
  const y = yOf(pen, top);
  const r = Math.min(style.radius ?? 0, width / 2, height / 2);
  let path: string;
  if (r > 0) {
    const k = r * 0.4477; // cubic approximation of a quarter circle
    const [x0, y0, x1, y1] = [x, y, x + width, y + height].map(num);
    path = [
      `${num(x + r)} ${y0} m ${num(x + width - r)} ${y0} l`,
      `${num(x + width - k)} ${y0} ${x1} ${num(y + k)} ${x1} ${num(y + r)} c`,
      `${x1} ${num(y + height - r)} l ${x1} ${num(y + height - k)} ${num(x + width - k)} ${y1} ${num(x + width - r)} ${y1} c`,
      `${num(x + r)} ${y1} l ${num(x + k)} ${y1} ${x0} ${num(y + height - k)} ${x0} ${num(y + height - r)} c`,
      `${x0} ${num(y + r)} l ${x0} ${num(y + k)} ${num(x + k)} ${y0} ${num(x + r)} ${y0} c h`,
    ].join(' ');
  } else path = `${num(x)} ${num(y)} ${num(width)} ${num(height)} re`;
  const paint = style.fill && style.stroke ? 'B' : style.fill ? 'f' : 'S';
  const colors = `${style.fill ? rgb(style.fill) : ''} ${style.stroke ? rgb(style.stroke).replace(/rg$/, 'RG') : ''}`;
  emit(pen, `q ${num(style.lineWidth ?? 1)} w ${colors} ${path} ${paint} Q`);
}

function newForm(kit: Kit, body: string, bbox: number[]): Form {
  const fonts: Record<string, unknown> = {};
  for (const style of STYLES) fonts[kit.fonts[style].font.id] = kit.fonts[style].ref;
  const ref = (kit.doc as unknown as { ref(data: object): { end(chunk: string): void } }).ref({
    Type: 'XObject',
    Subtype: 'Form',
    FormType: 1,
    BBox: bbox,
    Resources: { Font: fonts },
  });
  ref.end(body);
  return { name: `Tx${++kit.formCount}`, ref };
}

function placeForm(pen: Pen, form: Form, matrix: string): void {
  useFonts(pen.kit);
  const xobjects = (pen.doc.page as unknown as { xobjects: Record<string, unknown> }).xobjects;
  xobjects[form.name] ??= form.ref;
  addContent(pen.doc, `q ${matrix} cm /${form.name} Do Q`);
}

/**
 * Draws lines that may repeat in other letters: inline the first time, as a shared Form XObject
 * from the second time on.
 */
function drawShared(pen: Pen, key: string, lines: readonly Line[], x: number, top: number, size: number, leading: number, color: string): void {
  const kit = pen.kit;
  // Inside a section the section itself is what gets shared.
  if (pen.capture) return drawLines(pen, lines, x, top, size, leading, color);
  let form = kit.forms.get(key);
  if (!form) {
    if (!kit.seen.has(key)) {
      kit.seen.add(key);
      drawLines(pen, lines, x, top, size, leading, color);
      return;
    }
    const width = Math.max(1, ...lines.map((l) => l.width)) + 20;
    const height = lines.length * leading + size;
    form = newForm(kit, `${rgb(color)}\n${lineOps(kit, lines, 0, 0, size, leading)}`, [-20, -height - 5, width, 5]);
    kit.forms.set(key, form);
  }
  placeForm(pen, form, `1 0 0 -1 ${num(x)} ${num(top)}`);
}

const OVERFLOW = Symbol('section overflow');

/**
 * Draws a part of a letter that is often identical in other letters (the steps, the FAQ, the
 * closing) as one unit. `key` must name everything the drawing depends on (texts and values):
 * a section met again is not drawn again, and from its second use it is one shared Form XObject
 * placed with one `Do`. A section that does not fit on the page is drawn normally instead,
 * page break included.
 */
export function section(pen: Pen, key: string, draw: () => void): void {
  const kit = pen.kit;
  const start = { y: pen.y, left: pen.left, width: pen.width };
  const known = kit.sections.get(key);
  if (known && pen.y + known.advance <= pen.bottom + 0.01) {
    let form = kit.forms.get(key);
    if (!form) {
      form = newForm(kit, known.body, [-100, -100, PAGE.width + 100, PAGE.height + 100]);
      kit.forms.set(key, form);
    }
    placeForm(pen, form, `1 0 0 1 0 ${num(start.y)}`);
    pen.y += known.advance;
    return;
  }
  pen.capture = { ops: [], origin: pen.y };
  let body: string;
  try {
    draw();
    body = pen.capture.ops.join('\n');
  } catch (e) {
    if (e !== OVERFLOW) throw e;
    pen.capture = null;
    Object.assign(pen, start);
    draw();
    return;
  } finally {
    pen.capture = null;
  }
  kit.sections.set(key, { body, advance: pen.y - start.y });
  useFonts(kit);
  addContent(pen.doc, `q 1 0 0 1 0 ${num(start.y)} cm\n${body}\nQ`);
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
  if (pen.y + height > pen.bottom && pen.y > pen.top + 1) {
    if (pen.capture) throw OVERFLOW;
    pen.newPage();
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
