/** QR code drawn as vector rectangles: smaller and faster than an embedded PNG. */
import type { Pen } from './pen';
import QRCode from 'qrcode';

export interface QrMatrix {
  size: number;
  /** Row-major, 1 = dark module. */
  data: Uint8Array;
}

const utf8 = new TextEncoder();

export function qrMatrix(payload: string): QrMatrix {
  // 'M' survives a crease or a smudge on a folded letter and keeps the code small. A fixed mask
  // skips the scoring of all eight (most of the time spent here); any mask is a valid code. One
  // byte segment skips the search for the best mix of modes (a URL is lower case: byte anyway),
  // four times faster for a batch with one code per letter.
  const qr = QRCode.create([{ data: utf8.encode(payload), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 2 });
  return { size: qr.modules.size, data: Uint8Array.from(qr.modules.data as ArrayLike<number>) };
}

/**
 * Dark modules as rectangles [col, row, width, height]: horizontal runs, and a run repeated on the
 * next rows grows downwards, so a code is a couple of hundred rectangles filled at once.
 */
export function qrRects(m: QrMatrix): Array<[number, number, number, number]> {
  const done: Array<[number, number, number, number]> = [];
  let open = new Map<number, [number, number, number, number]>(); // keyed by col * 1000 + width
  for (let r = 0; r < m.size; r++) {
    const next = new Map<number, [number, number, number, number]>();
    let start = -1;
    for (let c = 0; c <= m.size; c++) {
      const dark = c < m.size && m.data[r * m.size + c] === 1;
      if (dark && start < 0) start = c;
      else if (!dark && start >= 0) {
        const key = start * 1000 + (c - start);
        const above = open.get(key);
        if (above) {
          above[3]++;
          open.delete(key);
          next.set(key, above);
        } else next.set(key, [start, r, c - start, 1]);
        start = -1;
      }
    }
    for (const rect of open.values()) done.push(rect);
    open = next;
  }
  for (const rect of open.values()) done.push(rect);
  return done;
}

const qrForms = new WeakMap<object, Map<string, { name: string; ref: unknown; size: number }>>();
const seen = new WeakMap<object, Set<string>>();

/**
 * Draws the QR code of `payload` at (x, y), `size` points wide. Each distinct payload is one Form
 * XObject in integer module units, so a batch with one activation page stores its code once.
 */
export function drawQr(pen: Pen, payload: string, x: number, y: number, size: number): void {
  const doc = pen.doc as unknown as {
    ref(data: object): { end(chunk: string): void };
    addContent(s: string): void;
    page: { xobjects: Record<string, unknown> };
  };
  let forms = qrForms.get(pen.kit);
  if (!forms) qrForms.set(pen.kit, (forms = new Map()));
  let form = forms.get(payload);
  if (!form) {
    const m = qrMatrix(payload);
    const ops = `0 0 0 rg\n${qrRects(m)
      .map(([c, r, w, h]) => `${c} ${r} ${w} ${h} re`)
      .join('\n')}\nf`;
    if (!seen.has(pen.kit)) seen.set(pen.kit, new Set());
    const payloads = seen.get(pen.kit)!;
    if (!payloads.has(payload)) {
      // First time: inline, an extra stream only pays off when the code repeats.
      payloads.add(payload);
      doc.addContent(`q ${(size / m.size).toFixed(4)} 0 0 ${(size / m.size).toFixed(4)} ${x.toFixed(2)} ${y.toFixed(2)} cm\n${ops}\nQ`);
      return;
    }
    const ref = doc.ref({ Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: [0, 0, m.size, m.size], Resources: {} });
    ref.end(ops);
    form = { name: `Qr${forms.size + 1}`, ref, size: m.size };
    forms.set(payload, form);
  }
  doc.page.xobjects[form.name] ??= form.ref;
  const scale = size / form.size;
  // Module rows go down the page, as pdfkit's flipped coordinates do.
  doc.addContent(`q ${scale.toFixed(4)} 0 0 ${scale.toFixed(4)} ${x.toFixed(2)} ${y.toFixed(2)} cm /${form.name} Do Q`);
}
