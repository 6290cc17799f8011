import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ids, insertFixture } from './fixture';
import { openTestCore, valueOf, type TestCore } from './test-core';

let core: TestCore;
beforeEach(async () => {
  core = await openTestCore();
  await insertFixture(core.db);
});
afterEach(() => core.db.close());

describe('students.get', () => {
  it('gives the student with raw values and guardians, legal guardian 1 first', async () => {
    const s = valueOf(await core.dispatch('students.get', { id: ids.marie }));
    expect(s).toMatchObject({
      id: ids.marie,
      ine: '070803070AJ',
      ineRaw: ' 070803070aj ',
      lastName: 'DUPONT',
      firstName: 'Marie',
      birthDate: '2013-02-03',
      birthDateRaw: '03/02/2013',
      division: '6A',
      status: 'enrolled',
      guardianCount: 3,
    });
    expect(s.guardians.map((g) => [g.guardian.id, g.relation, g.legalRank])).toEqual([
      [ids.nathalie, 'MERE', 1],
      [ids.jerome, 'PERE', 2],
      [ids.mamie, 'AUTRE', 0],
    ]);
    expect(s.guardians[0]!.guardian).toMatchObject({ phone: '+33612345678', childCount: 2 });
  });

  it('answers not_found in French for an unknown id', async () => {
    const r = await core.dispatch('students.get', { id: 'nope' });
    expect(r).toEqual({ ok: false, error: { code: 'not_found', message: 'Élève introuvable.' } });
  });
});

describe('guardians.get', () => {
  it('gives the guardian with raw contacts, address and children', async () => {
    const g = valueOf(await core.dispatch('guardians.get', { id: ids.nathalie }));
    expect(g).toMatchObject({
      civility: 'MME',
      phone: '+33612345678',
      phoneRaw: '06 12 34 56 78',
      email: 'nathalie.dupont@orange.fr',
      emailRaw: 'NATHALIE.DUPONT@ORANGE.FR',
      address: { line1: '12 rue Victor-Hugo', line2: null, postalCode: '69003', city: 'Lyon', country: 'FRANCE' },
      childCount: 2,
    });
    expect(g.children.map((c) => [c.student.id, c.student.status, c.legalRank])).toEqual([
      [ids.marie, 'enrolled', 1],
      [ids.marc, 'left', 1],
    ]);
  });

  it('keeps a phone that could not be understood as typed', async () => {
    const g = valueOf(await core.dispatch('guardians.get', { id: ids.aissatou }));
    expect(g.phone).toBeNull();
    expect(g.phoneRaw).toBe('pas de portable');
  });

  it('answers not_found in French for an unknown id', async () => {
    const r = await core.dispatch('guardians.get', { id: 'nope' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ code: 'not_found', message: 'Responsable légal introuvable.' });
  });
});

describe('divisions.list', () => {
  it('lists classes with enrolled students, in school order', async () => {
    const d = valueOf(await core.dispatch('divisions.list', {}));
    // Marc (3E) left: 3E has no enrolled student.
    expect(d).toEqual([
      { name: '6A', students: 2 },
      { name: '6B', students: 1 },
      { name: '5B', students: 1 },
    ]);
  });
});
