import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRegister } from '../db/register';
import { ok, openCorrectionsCore, seed } from './test-core';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('durability of corrections', () => {
  it('acknowledged edits and a merge are all there after closing and reopening the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sesame-edits-'));
    dirs.push(dir);
    const file = join(dir, 'register.sesame');
    const db = await openRegister(file);
    await db.write((tx) => {
      const s = seed(tx);
      s.guardian({ id: 'g1', last: 'Dupont', first: 'Nathalie' });
      s.guardian({ id: 'g2', last: 'DUPONT', first: 'Nathalie' });
      s.student({ id: 's1', last: 'Dupont', first: 'Marie' });
      s.link('s1', 'g1', 1);
    });
    const c = await openCorrectionsCore({ db });
    ok(await c.dispatch('guardians.update', { id: 'g1', baseVersion: 1, changes: { email: 'nathalie@free.fr' } }));
    ok(await c.dispatch('students.update', { id: 's1', baseVersion: 1, changes: { birthDate: '04/05/2013' } }));
    const { mergeId } = ok(await c.dispatch('guardians.merge', { keepId: 'g1', mergeId: 'g2' }));
    // As after a kill right after the acknowledgements: copy the files as they are now on disk
    // (snapshot + journal, no checkpoint, no close) and open the copy.
    const copy = join(dir, 'copy.sesame');
    copyFileSync(file, copy);
    if (existsSync(`${file}.journal`)) copyFileSync(`${file}.journal`, `${copy}.journal`);
    await db.close();
    const again = await openRegister(copy);
    expect(again.get("SELECT email, version FROM guardian WHERE id = 'g1'")).toEqual({ email: 'nathalie@free.fr', version: 2 });
    expect(again.get("SELECT birth_date FROM student WHERE id = 's1'")).toEqual({ birth_date: '2013-05-04' });
    expect(again.get('SELECT state FROM guardian_merge WHERE id = ?', [mergeId])).toEqual({ state: 'merged' });
    expect(again.get("SELECT id FROM guardian WHERE id = 'g2'")).toBeUndefined();
    expect(again.get<{ n: number }>('SELECT count(*) AS n FROM outbox')!.n).toBeGreaterThanOrEqual(3);
    await again.close();
  });
});
