import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSheet, decodeWindows1252 } from './decode';
import { parseSheet } from './parse';

describe('parseSheet', () => {
  it('numbers records as spreadsheet rows: blank rows counted, quoted line breaks are one row', () => {
    const s = parseSheet('\uFEFFNom;Prénom;;\r\nA;"x\r\ny";;\r\n\r\n;;;\r\nB;z\r\n');
    expect(s.headers).toEqual(['Nom', 'Prénom']);
    expect(s.delimiter).toBe(';');
    expect(s.rows.map((r) => r[0])).toEqual(['A', 'B']);
    expect([...s.rowNumbers]).toEqual([2, 5]);
  });

  it('guesses every delimiter', () => {
    for (const d of [';', ',', '\t', '|']) {
      const s = parseSheet(['Nom', 'Prénom', 'Classe'].join(d) + '\n' + ['A', 'B', 'C'].join(d) + '\n');
      expect(s.delimiter).toBe(d);
      expect(s.rows).toEqual([['A', 'B', 'C']]);
    }
  });

  it('skips a title line above the header', () => {
    const s = parseSheet('Liste des élèves 2026\nNom;Prénom\nA;B\n');
    expect(s.headerRow).toBe(2);
    expect([...s.rowNumbers]).toEqual([3]);
  });

  it('reports an unterminated quote', () => {
    expect(parseSheet('Nom;Prénom\nA;"B\nC;D\n').errors).toHaveLength(1);
  });

  it('property: any table written with quoting reads back with its row numbers', () => {
    const cell = fc.string({ maxLength: 8 }).map((s) => s.replace(/\r/g, ''));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
        const text = ['Nom;Prénom', ...rows.map((r) => r.map(q).join(';'))].join('\r\n');
        const s = parseSheet(text);
        const expected = rows.map((r, i) => ({ r, n: i + 2 })).filter(({ r }) => r.some((v) => v.trim() !== ''));
        expect(s.rows).toEqual(expected.map((e) => e.r));
        expect([...s.rowNumbers]).toEqual(expected.map((e) => e.n));
      }),
      { numRuns: 200 },
    );
  });
});

describe('decodeSheet', () => {
  it('detects BOMs, UTF-8 and Windows-1252', () => {
    expect(decodeSheet(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), 'a.csv')).toEqual({ text: 'A', encoding: 'utf-8-bom' });
    expect(decodeSheet(new Uint8Array([0xff, 0xfe, 0x41, 0x00]), 'a.csv')).toEqual({ text: 'A', encoding: 'utf-16le' });
    expect(decodeSheet(new Uint8Array([0xfe, 0xff, 0x00, 0x41]), 'a.csv')).toEqual({ text: 'A', encoding: 'utf-16be' });
    expect(decodeSheet(new Uint8Array([0xc3, 0xa9]), 'a.csv')).toEqual({ text: 'é', encoding: 'utf-8' });
    expect(decodeSheet(new Uint8Array([0x43, 0x8c, 0x55, 0x52, 0xe9, 0x80]), 'a.csv')).toEqual({ text: 'CŒURé€', encoding: 'windows-1252' });
    expect(decodeWindows1252(new Uint8Array([0x92, 0x9c]))).toBe('’œ');
  });

  it('refuses empty and binary files', () => {
    expect(() => decodeSheet(new Uint8Array(0), 'a.csv')).toThrow(/vide/);
    expect(() => decodeSheet(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]), 'a.pdf')).toThrow(/PDF/);
    expect(() => decodeSheet(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.xls')).toThrow(/\.xls/);
  });
});
