import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMemoryRegister } from '../db/register';
import type { Register } from '../db/types';
import { readTable, rowsOf } from './load';

const readColumns = (d: Register, columns: string[], from: string) => rowsOf(readTable(d, columns, from));

let db: Register;
beforeEach(async () => {
  db = await openMemoryRegister();
});
afterEach(() => db.close());

describe('readColumns', () => {
  it('reads text, numbers and nulls', async () => {
    await db.write((tx) => {
      tx.run(`INSERT INTO staff (id, name, active, created_at) VALUES ('a', 'Zoé', 1, 't'), ('b', 'Éric', 0, 't')`);
    });
    const rows = readColumns(db, ['id', 'name', 'active', 'NULL'], 'staff ORDER BY id');
    expect(rows).toEqual([
      ['a', 'Zoé', '1', null],
      ['b', 'Éric', '0', null],
    ]);
  });

  it('stays exact when a value contains a separator', async () => {
    await db.write((tx) => {
      tx.run(`INSERT INTO staff (id, name, created_at) VALUES ('a', ?, 't'), ('b', 'x', 't')`, [`N\u001fB\u001eC`]);
    });
    expect(readColumns(db, ['id', 'name'], 'staff ORDER BY id')).toEqual([
      ['a', 'N\u001fB\u001eC'],
      ['b', 'x'],
    ]);
  });

  it('returns no rows for an empty table', () => {
    expect(readColumns(db, ['id'], 'staff')).toEqual([]);
  });
});
