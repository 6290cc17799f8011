import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemoryRegister, openRegister } from '../db/register';
import type { SqlValue } from '../db/types';
import { inserter, ROW } from './insert';

describe('inserter', () => {
  it('stores exactly what binding would: quotes, NUL, accents, floats, large integers, blobs, nulls', async () => {
    const db = await openMemoryRegister();
    await db.write((tx) => tx.run('CREATE TABLE t (k INTEGER, a TEXT, b, c TEXT, d)'));
    const rows: SqlValue[][] = [];
    for (let i = 0; i < 2500; i++) {
      rows.push([
        i,
        i % 3 === 0 ? "l'école « d’été »" : i % 3 === 1 ? 'a\u0000b' : '',
        i % 4 === 0 ? 1.5 + i : i % 4 === 1 ? 2 ** 40 + i : i % 4 === 2 ? null : new Uint8Array([0, 39, i % 256]),
        i % 5 === 0 ? null : `x''${i}'`,
      ]);
    }
    let counted = 0;
    await db.write((tx) => {
      const ins = inserter(tx, 't', [['k', ROW], ['a', ROW], ['b', ROW], ['c', ROW], ['d', "const'ant"]], (n) => (counted += n));
      for (const r of rows) ins.add(r);
      ins.flush();
    });
    expect(counted).toBe(rows.length);
    const got = db.all<{ k: number; a: string; b: SqlValue; c: string | null; d: string; tb: string }>('SELECT k, a, b, c, d, typeof(b) AS tb FROM t ORDER BY k');
    expect(got).toHaveLength(rows.length);
    for (const g of got) {
      const r = rows[g.k]!;
      expect(g.a).toBe(r[1]);
      expect(g.b).toEqual(r[2]);
      expect(g.tb).toBe(r[2] === null ? 'null' : r[2] instanceof Uint8Array ? 'blob' : 'real');
      expect(g.c).toBe(r[3]);
      expect(g.d).toBe("const'ant");
    }
    await db.close();
  });

  it('row by row (perRow) stores the same values, binds constants without a literal, and counts every row', async () => {
    const db = await openMemoryRegister();
    await db.write((tx) => tx.run('CREATE TABLE t (k INTEGER, a TEXT, b, c REAL, d)'));
    const rows: SqlValue[][] = Array.from({ length: 2300 }, (_, i) => [i, i % 2 ? "l'école\u0000x" : 'é', i % 3 ? new Uint8Array([i % 256, 0]) : null]);
    let counted = 0;
    await db.write((tx) => {
      const ins = inserter(tx, 't', [['k', ROW], ['c', 2.5], ['a', ROW], ['b', ROW], ['d', "const'ant"]], (n) => (counted += n), { perRow: true });
      for (const r of rows) ins.add(r);
      ins.flush();
    });
    expect(counted).toBe(rows.length);
    const got = db.all<{ k: number; a: string; b: SqlValue; c: number; d: string }>('SELECT k, a, b, c, d FROM t ORDER BY k');
    expect(got).toHaveLength(rows.length);
    for (const g of got) expect([g.k, g.a, g.b, g.c, g.d]).toEqual([...rows[g.k]!.slice(0, 3), 2.5, "const'ant"]);
    await db.close();
  });

  it('fails the whole batch on a constraint, like a bound INSERT', async () => {
    const db = await openMemoryRegister();
    await db.write((tx) => tx.run('CREATE TABLE u (id TEXT PRIMARY KEY)'));
    await expect(
      db.write((tx) => {
        const ins = inserter(tx, 'u', [['id', ROW]]);
        for (let i = 0; i < 1500; i++) ins.add([`id${i % 1200}`]);
        ins.flush();
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM u')?.n).toBe(0);
    await db.close();
  });

  it('journals a literal batch in a journal-durability write and replays it after a crash', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sesame-insert-'));
    try {
      const file = path.join(dir, 'r.sesame');
      const db = await openRegister(file);
      await db.write((tx) => tx.run('CREATE TABLE v (id TEXT PRIMARY KEY, n INTEGER, s TEXT)'));
      await db.write((tx) => {
        const ins = inserter(tx, 'v', [['id', ROW], ['n', ROW], ['s', ROW]]);
        for (let i = 0; i < 1500; i++) ins.add([`v${i}`, i, i % 2 ? "d'Artagnan" : null]);
        ins.flush();
      });
      // What a kill leaves: the snapshot and the journal, no close.
      const copy = path.join(dir, 'copie.sesame');
      copyFileSync(file, copy);
      copyFileSync(`${file}.journal`, `${copy}.journal`);
      await db.close();
      const again = await openRegister(copy);
      expect(again.recovery.replayed).toBe(2);
      expect(again.get('SELECT count(*) AS n, sum(n) AS total, count(s) AS named FROM v')).toEqual({ n: 1500, total: (1499 * 1500) / 2, named: 750 });
      expect(again.get("SELECT s FROM v WHERE id = 'v7'")).toEqual({ s: "d'Artagnan" });
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
