// A merge must survive the next import: the sheet still spells the merged-away guardian its old way,
// and matching must find the surviving record instead of creating the duplicate again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app';
import { openRegister } from '../../electron/core/db/register';
import { ok } from '../../electron/core/edits/test-core';
import { count, file, importAll, utf8 } from './import-helpers';

const HEADER = 'Nom;Prénom;Date de naissance;Nom responsable 1;Prénom responsable 1;Portable responsable 1;Email responsable 1';
// One mother written two ways on her children's sheets, with the same phone: a look-alike.
const ANNE = 'ABEL;Lou;01/02/2014;DUPONT;Anne;06 50 50 50 50;anne@example.fr';
const ANNE_OLD_SPELLING = 'ABEL;Tom;03/04/2016;DUPOND;Anne;06 50 50 50 50;';
const sheet = (...rows: string[]) => file('fiches.csv', utf8([HEADER, ...rows].join('\n')));

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function core(): Promise<{ core: Core; dbPath: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sesame-merge-reimport-'));
  dirs.push(dir);
  const dbPath = path.join(dir, 'ecole.sesame');
  const c = await createCore({ dbPath, checkOutput: true });
  cores.push(c);
  return { core: c, dbPath };
}

const guardianOf = (c: Core, first: string) =>
  c.db.all<{ last_name: string; id: string }>(
    `SELECT g.id, g.last_name FROM guardianship l JOIN student s ON s.id = l.student_id JOIN guardian g ON g.id = l.guardian_id
      WHERE s.first_name = ? ORDER BY g.id`,
    [first],
  );

/** First import, then staff merge the look-alike (DUPOND into DUPONT). */
async function importAndMerge(c: Core) {
  const first = await importAll(c.ctx, [sheet(ANNE, ANNE_OLD_SPELLING)]);
  expect(first.summary.guardians.created).toBe(2);
  expect(first.plan.lookAlikes).toHaveLength(1);
  const keepId = guardianOf(c, 'Lou')[0]!.id;
  const mergeId = guardianOf(c, 'Tom')[0]!.id;
  const merged = ok(await c.dispatch('guardians.merge', { keepId, mergeId, fieldChoices: {} }));
  expect(count(c.db, 'guardian')).toBe(1);
  return { keepId, mergeId, mergeRecord: merged.mergeId };
}

describe('re-import after a merge', () => {
  it('re-importing the same sheet links the surviving guardian instead of bringing the merged one back', async () => {
    const { core: c, dbPath } = await core();
    const { keepId } = await importAndMerge(c);

    const again = await importAll(c.ctx, [sheet(ANNE, ANNE_OLD_SPELLING)]);
    expect(again.summary.guardians.created).toBe(0);
    expect(again.plan.lookAlikes).toEqual([]);
    expect(again.plan.conflicts).toEqual([]);
    expect(count(c.db, 'guardian')).toBe(1);
    expect(guardianOf(c, 'Tom')).toEqual([{ id: keepId, last_name: 'DUPONT' }]);
    expect(guardianOf(c, 'Lou')).toEqual([{ id: keepId, last_name: 'DUPONT' }]);
    expect(count(c.db, 'guardianship')).toBe(2);

    // Durable: the register read back from disk holds the same.
    await c.close();
    cores.splice(cores.indexOf(c), 1);
    const reopened = await openRegister(dbPath);
    expect(count(reopened, 'guardian')).toBe(1);
    await reopened.close();
  });

  it('a sheet naming only the old spelling neither duplicates nor renames the surviving guardian', async () => {
    const { core: c } = await core();
    const { keepId } = await importAndMerge(c);

    const again = await importAll(c.ctx, [sheet(ANNE_OLD_SPELLING)]);
    expect(again.summary.guardians).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(again.plan.lookAlikes).toEqual([]);
    expect(c.db.all('SELECT id, last_name, first_name, email FROM guardian')).toEqual([
      { id: keepId, last_name: 'DUPONT', first_name: 'Anne', email: 'anne@example.fr' },
    ]);
  });

  it('after a split, the restored record is matched again and nothing is created', async () => {
    const { core: c } = await core();
    const { keepId, mergeId, mergeRecord } = await importAndMerge(c);
    ok(await c.dispatch('guardians.split', { mergeId: mergeRecord }));

    const again = await importAll(c.ctx, [sheet(ANNE, ANNE_OLD_SPELLING)]);
    expect(again.summary.guardians.created).toBe(0);
    expect(count(c.db, 'guardian')).toBe(2);
    expect(guardianOf(c, 'Lou')).toEqual([{ id: keepId, last_name: 'DUPONT' }]);
    expect(guardianOf(c, 'Tom')).toEqual([{ id: mergeId, last_name: 'DUPOND' }]);
  });

  it('follows a chain of merges to the guardian that survives them all', async () => {
    const { core: c } = await core();
    const { keepId } = await importAndMerge(c);
    // A third record of the same person, created by hand, absorbs the survivor.
    const third = 'ABEL;Eva;05/06/2018;DUPONT;Anne-Marie;06 50 50 50 50;';
    await importAll(c.ctx, [sheet(third)]);
    const finalId = guardianOf(c, 'Eva')[0]!.id;
    expect(finalId).not.toBe(keepId);
    ok(await c.dispatch('guardians.merge', { keepId: finalId, mergeId: keepId, fieldChoices: {} }));

    const again = await importAll(c.ctx, [sheet(ANNE, ANNE_OLD_SPELLING, third)]);
    expect(again.summary.guardians.created).toBe(0);
    expect(again.plan.lookAlikes).toEqual([]);
    expect(count(c.db, 'guardian')).toBe(1);
    for (const child of ['Lou', 'Tom', 'Eva']) expect(guardianOf(c, child).map((g) => g.id)).toEqual([finalId]);
  });
});
