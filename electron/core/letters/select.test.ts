// Batches picked in the lists: « Tout sélectionner » returns exactly the rows the list shows, and a
// selection of students becomes their guardians' letters.
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/clock';
import { MAX_SELECTION, TOO_MANY_SHOWN } from '../../../shared/contract/letters';
import { sequentialIds } from '../../../shared/ids';
import { openMemoryRegister } from '../db/register';
import type { Register } from '../db/types';
import { buildHandlerTable, createDispatcher, type Dispatcher } from '../dispatch';
import { ids, insertFixture } from '../records/fixture';
import { recordsHandlers } from '../records/handlers';
import { fillSyntheticRegister } from '../records/test-data';
import { schoolHandlers } from '../school/handlers';
import { lettersHandlers } from './handlers';
import { selectCandidates } from './select';

async function coreOver(db: Register): Promise<Dispatcher> {
  return createDispatcher(
    buildHandlerTable(recordsHandlers, schoolHandlers, lettersHandlers),
    { db, clock: fixedClock('2026-11-25T08:00:00.000Z'), ids: sequentialIds(), actor: () => 'test', cache: new Map() },
    { checkOutput: true, onInternalError: (_name, err) => console.error(err) },
  );
}

let db: Register;
let core: Dispatcher;

beforeAll(async () => {
  db = await openMemoryRegister();
  await insertFixture(db);
  core = await coreOver(db);
});

const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('letters.selectable', () => {
  it('returns the ids of every guardian the filtered list shows', async () => {
    const listed = value(await core.dispatch('guardians.list', { query: 'dupont', limit: 1000 })).rows.map((r) => r.id);
    const picked = value(await core.dispatch('letters.selectable', { list: 'guardians', query: 'dupont' })).ids;
    expect(picked.sort()).toEqual([ids.jerome, ids.nathalie].sort());
    expect(picked.sort()).toEqual(listed.sort());
    const all = value(await core.dispatch('letters.selectable', { list: 'guardians' })).ids;
    expect(all).toHaveLength(5);
  });

  it('follows the students list filters: class, status and search', async () => {
    const sixA = value(await core.dispatch('letters.selectable', { list: 'students', division: '6A' })).ids;
    expect(sixA.sort()).toEqual([ids.marie, ids.zoe].sort());
    const enrolledDupont = value(await core.dispatch('letters.selectable', { list: 'students', query: 'dupont' })).ids;
    expect(enrolledDupont.sort()).toEqual([ids.marie, ids.emile].sort());
    const allDupont = value(await core.dispatch('letters.selectable', { list: 'students', query: 'dupont', status: 'all' })).ids;
    expect(allDupont).toContain(ids.marc);
  });

  it('refuses more rows than a batch may hold, with a French message', async () => {
    const big = await openMemoryRegister();
    await fillSyntheticRegister(big, { students: 4000, guardians: MAX_SELECTION + 50, seed: 3 });
    const r = await (await coreOver(big)).dispatch('letters.selectable', { list: 'guardians' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.message).toBe(TOO_MANY_SHOWN);
    }
  }, 30_000);
});

describe('a selection of students', () => {
  it('is the guardians of the enrolled students picked, each once', () => {
    const c = selectCandidates(db, { scope: 'students', studentIds: [ids.marie, ids.emile, ids.marie, ids.marc] });
    // Marc has left: his mother is there through Marie only; Jérôme is Marie's and Émile's father.
    expect(c.map((g) => g.id).sort()).toEqual([ids.jerome, ids.mamie, ids.nathalie].sort());
    const jerome = c.find((g) => g.id === ids.jerome)!;
    expect(jerome.children.map((k) => k.firstName)).toEqual(['Marie', 'Émile']);
  });

  it('is previewed under its own title', async () => {
    const p = value(await core.dispatch('letters.preview', { selection: { scope: 'students', studentIds: [ids.lea, ids.zoe] } }));
    expect(p.title).toBe('Responsables de 2 élèves sélectionnés');
    // Nothing is synced in this register: both guardians are listed with the reason.
    expect(p.excluded.map((e) => e.guardianId).sort()).toEqual([ids.aissatou, ids.helene].sort());
  });

  it('reports a picked student who left, and does not count them in the title', async () => {
    const p = value(await core.dispatch('letters.preview', { selection: { scope: 'students', studentIds: [ids.marie, ids.marc] } }));
    expect(p.title).toBe('Responsables de 1 élève sélectionné');
    const marc = p.excluded.filter((e) => e.studentId === ids.marc);
    expect(marc).toHaveLength(1);
    expect(marc[0]!.guardianId).toBe('');
    expect(marc[0]!.name).toMatch(/\(élève\)$/);
    expect(marc[0]!.reason).toBe('Élève parti de l’établissement : pas de courrier pour ses responsables.');
    // Marie's guardians are still the batch's (here excluded as not synced, each once).
    expect(p.excluded.filter((e) => !e.studentId).map((e) => e.guardianId).sort()).toEqual([ids.jerome, ids.mamie, ids.nathalie].sort());
  });
});
