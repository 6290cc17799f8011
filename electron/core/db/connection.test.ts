import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reserveForNextWrite, wrapDatabase } from './connection';
import { openRegister } from './register';
import { loadSql } from './sqljs';

const count = (c: ReturnType<typeof wrapDatabase>, sql: string) => Number(Object.values(c.get<Record<string, number>>(sql) ?? {})[0]);

describe('connection: room reserved for a bulk write', () => {
  it('reopens with zeroed room at the next BEGIN, keeps every row, the change count and an exact export', async () => {
    const SQL = await loadSql();
    const c = wrapDatabase(new SQL.Database());
    c.run('CREATE TABLE t (id TEXT PRIMARY KEY, v TEXT)');
    c.run('INSERT INTO t VALUES (?, ?)', ['a', 'x']);
    const before = c.db;
    const changes = count(c, 'SELECT changes_since_open() AS n');
    expect(changes).toBeGreaterThan(0);

    reserveForNextWrite(32 * 1024 * 1024);
    c.run('BEGIN');
    expect(c.db).not.toBe(before); // reopened from its image plus room
    expect(count(c, 'SELECT changes_since_open() AS n')).toBe(changes);
    for (let i = 0; i < 2000; i++) c.run('INSERT INTO t VALUES (?, ?)', [`k${i}`, 'y'.repeat(200)]);
    c.run('COMMIT');

    expect(count(c, 'SELECT count(*) AS n FROM t')).toBe(2001);
    expect(c.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
    expect(c.get('PRAGMA foreign_keys')).toEqual({ foreign_keys: 1 }); // pragmas re-applied
    const pages = count(c, 'PRAGMA page_count');
    const image = c.db.export();
    expect(image.length).toBe(pages * 4096); // the room is not part of the image
    const again = new SQL.Database(image);
    expect(again.exec('SELECT count(*) FROM t')[0]?.values[0]?.[0]).toBe(2001);
    again.close();
    c.close();
  });

  it('ignores a small request and a request consumed once', async () => {
    const SQL = await loadSql();
    const c = wrapDatabase(new SQL.Database());
    c.run('CREATE TABLE t (x)');
    const first = c.db;
    reserveForNextWrite(1024);
    c.run('BEGIN');
    c.run('COMMIT');
    expect(c.db).toBe(first);
    reserveForNextWrite(32 * 1024 * 1024);
    c.run('BEGIN');
    c.run('COMMIT');
    const second = c.db;
    expect(second).not.toBe(first);
    c.run('BEGIN');
    c.run('COMMIT');
    expect(c.db).toBe(second);
    c.close();
  });

  it('a durable register written after a reservation reopens whole, its file without the room', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sesame-reserve-'));
    try {
      const file = path.join(dir, 'r.sesame');
      const db = await openRegister(file);
      reserveForNextWrite(48 * 1024 * 1024);
      await db.write(
        (tx) => {
          for (let i = 0; i < 500; i++) {
            tx.run("INSERT INTO staff (id, name, created_at) VALUES (?, ?, '2026-09-01T08:00:00.000Z')", [`s${i}`, `Personne ${i}`]);
          }
        },
        { durability: 'snapshot' },
      );
      await db.write((tx) => tx.run("UPDATE staff SET active = 0 WHERE id = 's1'", []));
      await db.close();
      expect(statSync(file).size).toBeLessThan(8 * 1024 * 1024);
      const again = await openRegister(file);
      expect(again.get('SELECT count(*) AS n, sum(active) AS a FROM staff')).toEqual({ n: 500, a: 499 });
      expect(again.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
