/** QR code drawn as vector rectangles: smaller and faster than an embedded PNG. */
import QRCode from 'qrcode';

export interface QrMatrix {
  size: number;
  /** Row-major, 1 = dark module. */
  data: Uint8Array;
}

export function qrMatrix(payload: string): QrMatrix {
  // 'M' survives a crease or a smudge on a folded letter and keeps the code small.
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  return { size: qr.modules.size, data: Uint8Array.from(qr.modules.data as ArrayLike<number>) };
}

/**
 * Horizontal runs of dark modules, as [row, startCol, length]: one rectangle per run, so a
 * code is a few hundred path operations filled at once.
 */
export function qrRuns(m: QrMatrix): Array<[number, number, number]> {
  const runs: Array<[number, number, number]> = [];
  for (let r = 0; r < m.size; r++) {
    let start = -1;
    for (let c = 0; c <= m.size; c++) {
      const dark = c < m.size && m.data[r * m.size + c] === 1;
      if (dark && start < 0) start = c;
      else if (!dark && start >= 0) {
        runs.push([r, start, c - start]);
        start = -1;
      }
    }
  }
  return runs;
}
