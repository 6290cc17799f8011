import { describe, expect, it } from 'vitest';
import { wrapDatabase } from '../db/connection';
import { loadSql } from '../db/sqljs';
import { Interner, isNull, readCells, text } from './cells';
import { foldAddress, loadModel } from './model';

const openConnection = async () => wrapDatabase(new (await loadSql()).Database());

describe('readCells', () => {
  it('reads NULL, empty and non-ASCII values, and damaged values through the row-by-row reader', async () => {
    const db = await openConnection();
    db.run('CREATE TABLE t (a TEXT, b TEXT, n INTEGER)');
    const rows: [string | null, string | null, number][] = [
      ['x', null, 1],
      ['', 'Élodie', 22],
      ['a\u001fb', 'c\u001ed', 3],
      [null, 'ok', 0],
    ];
    for (const r of rows) db.run('INSERT INTO t VALUES (?, ?, ?)', r);
    const c = readCells(db, ['a', 'b', 'n'], 't');
    expect(c.count).toBe(4);
    const cell = (r: number, f: number) => text(c, r * c.width + f);
    expect([cell(0, 0), cell(0, 1), cell(0, 2)]).toEqual(['x', null, '1']);
    expect([cell(1, 0), cell(1, 1), cell(1, 2)]).toEqual(['', 'Élodie', '22']);
    // A value holding a separator is read exactly, instead of shifting every later field.
    expect([cell(2, 0), cell(2, 1), cell(2, 2)]).toEqual(['a\u001fb', 'c\u001ed', '3']);
    expect(isNull(c, 3 * c.width)).toBe(true);
    expect(cell(3, 1)).toBe('ok');
    expect(readCells(db, ['a'], 't').count).toBe(4);
    db.run('DELETE FROM t');
    expect(readCells(db, ['a', 'b'], 't').count).toBe(0);
    db.close();
  });
});

describe('Interner', () => {
  it('gives each distinct byte string one dense id, found again from bytes or text, across growth', () => {
    const i = new Interner();
    const enc = new TextEncoder();
    const values = Array.from({ length: 5_000 }, (_, k) => `valeur-${k}-${k % 7 === 0 ? 'é' : 'e'}`);
    values.forEach((v, k) => {
      const b = enc.encode(`[${v}]`);
      expect(i.intern(b, 1, b.length - 1)).toBe(k);
    });
    expect(i.size).toBe(values.length);
    values.forEach((v, k) => {
      expect(i.findText(v)).toBe(k);
      expect(i.internText(v)).toBe(k);
    });
    expect(i.text(7)).toBe('valeur-7-é');
    expect(i.findText('absente')).toBe(-1);
    expect(i.size).toBe(values.length);
    expect(i.internText('')).toBe(values.length);
    expect(i.intern(new Uint8Array(0), 0, 0)).toBe(values.length);
    expect(i.findText('')).toBe(values.length);
  });
});

describe('loadModel', () => {
  it('folds addresses on the bytes as foldAddress does, and reads links whatever their order', async () => {
    const db = await openConnection();
    db.run('CREATE TABLE guardian (id TEXT, name_key TEXT, civility TEXT, phone TEXT, phone_raw TEXT, email TEXT, email_raw TEXT, country TEXT, postal_code TEXT, address_line1 TEXT)');
    db.run('CREATE TABLE student (id TEXT, status TEXT, birth_date TEXT, birth_date_raw TEXT, last_name TEXT, first_name TEXT, division TEXT)');
    db.run('CREATE TABLE guardianship (student_id TEXT, guardian_id TEXT, legal_rank INTEGER)');
    const addresses: [string, string][] = [
      ['12 Rue des Écoles', '75005'],
      ['12, rue des ecoles', '75 005'],
      ['12 RUE DES ECOLES', '75005'],
      ['3 allée du Château', '69003'],
      ['3 Allee du Chateau', '69003'],
      ['Bât. B', '69003'],
      ['!!!', '69003'],
    ];
    addresses.forEach(([line, postal], k) =>
      db.run("INSERT INTO guardian (id, name_key, phone, email, postal_code, address_line1) VALUES (?, 'MARTIN|LEA', ?, ?, ?, ?)", [
        `g${k}`,
        `+3361234567${k}`,
        `lea${k}@exemple.fr`,
        postal,
        line,
      ]),
    );
    for (let k = 0; k < 3; k++) db.run("INSERT INTO student VALUES (?, 'enrolled', '2014-01-02', NULL, 'MARTIN', 'Zoé', '6A')", [`s${k}`]);
    for (const [s, g, r] of [['s2', 'g0', 1], ['s0', 'g1', 2], ['s1', 'g6', 1], ['s0', 'g3', 1]] as const) db.run('INSERT INTO guardianship VALUES (?, ?, ?)', [s, g, r]);
    const m = loadModel(db);
    addresses.forEach(([line, postal], k) => {
      const folded = foldAddress(line, postal);
      expect(m.gAddress[k] === -1 ? null : m.addresses.text(m.gAddress[k]!)).toBe(folded);
    });
    expect(m.gAddress[0]).toBe(m.gAddress[1]);
    expect(m.gAddress[3]).toBe(m.gAddress[4]);
    const studentsOfG = (g: string) => {
      const slot = m.gIds.findText(g);
      const out: string[] = [];
      for (let i = m.lgAt[slot]!; i < m.lgAt[slot + 1]!; i++) out.push(`${m.sIds.text(m.lS[m.lgItems[i]!]!)}:${m.lRank[m.lgItems[i]!]}`);
      return out;
    };
    expect(studentsOfG('g0')).toEqual(['s2:1']);
    expect(studentsOfG('g1')).toEqual(['s0:2']);
    expect(studentsOfG('g6')).toEqual(['s1:1']);
    expect(studentsOfG('g2')).toEqual([]);
    db.close();
  });
});
