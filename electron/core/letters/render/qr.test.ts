import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrMatrix, qrRects } from './qr';

const URLS = [
  'https://comptes.example.gouv.fr/activer',
  'https://educonnect.education.gouv.fr/activation?l=marie.dupont12',
  'https://comptes.ac-toulouse.fr/activer?l=malgorzata.wojcik',
];

describe('QR code of the activation page', () => {
  it('is the code qrcode itself makes for an activation URL (one byte segment, same size and modules)', () => {
    for (const url of URLS) {
      const own = QRCode.create(url, { errorCorrectionLevel: 'M', maskPattern: 2 });
      const m = qrMatrix(url);
      expect(m.size).toBe(own.modules.size);
      expect(Array.from(m.data)).toEqual(Array.from(own.modules.data as ArrayLike<number>));
    }
  });

  it('is drawn as rectangles covering exactly the dark modules', () => {
    for (const url of URLS) {
      const m = qrMatrix(url);
      const painted = new Uint8Array(m.size * m.size);
      for (const [c, r, w, h] of qrRects(m)) {
        for (let y = r; y < r + h; y++) for (let x = c; x < c + w; x++) painted[y * m.size + x]! += 1;
      }
      expect(Array.from(painted)).toEqual(Array.from(m.data));
    }
  });
});
