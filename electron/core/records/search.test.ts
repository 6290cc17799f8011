import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../shared/contract';
import { ids, insertFixture } from './fixture';
import { openTestCore, valueOf, type TestCore } from './test-core';

let core: TestCore;
beforeEach(async () => {
  core = await openTestCore();
  await insertFixture(core.db);
});
afterEach(() => core.db.close());

async function students(input: Input<'students.list'>): Promise<string[]> {
  return valueOf(await core.dispatch('students.list', input)).rows.map((r) => r.id);
}
async function guardians(query: string): Promise<string[]> {
  return valueOf(await core.dispatch('guardians.list', { query })).rows.map((r) => r.id);
}

describe('students.list search', () => {
  it('finds by name in any order, case and accents ignored, on word prefixes', async () => {
    expect(await students({ query: 'dupont marie' })).toEqual([ids.marie]);
    expect(await students({ query: 'Marie DUPONT' })).toEqual([ids.marie]);
    expect(await students({ query: 'mar dup' })).toEqual([ids.marie]);
    expect(await students({ query: 'LEFEVRE lea' })).toEqual([ids.lea]);
    expect(await students({ query: 'léa' })).toEqual([ids.lea]);
    expect(await students({ query: 'emile' })).toEqual([ids.emile]);
  });

  it('finds names with particles and apostrophes typed with or without them', async () => {
    expect(await students({ query: 'ndiaye' })).toEqual([ids.zoe]);
    expect(await students({ query: "n'diaye zoe" })).toEqual([ids.zoe]);
    expect(await students({ query: 'diaye' })).toEqual([ids.zoe]);
  });

  it('matches the start of words, not any substring', async () => {
    expect(await students({ query: 'pont' })).toEqual([]);
    expect(await students({ query: 'dup' })).toEqual([ids.emile, ids.marie]);
  });

  it('keeps left students out unless asked', async () => {
    expect(await students({ query: 'dupont', status: 'all' })).toEqual([ids.emile, ids.marie, ids.marc]);
    expect(await students({ query: 'dupont', status: 'left' })).toEqual([ids.marc]);
  });

  it('finds by INE, whole or its beginning', async () => {
    expect(await students({ query: '070803070AJ' })).toEqual([ids.marie]);
    expect(await students({ query: '070803070aj' })).toEqual([ids.marie]);
    expect(await students({ query: '0708030' })).toEqual([ids.marie]);
  });

  it('finds by class in the query or by the division filter', async () => {
    expect(await students({ query: '6a' })).toEqual([ids.marie, ids.zoe]);
    expect(await students({ query: '6A zo' })).toEqual([ids.zoe]);
    expect(await students({ division: '6A' })).toEqual([ids.marie, ids.zoe]);
    expect(await students({ division: '6A', query: 'marie' })).toEqual([ids.marie]);
  });

  it("finds a child by a guardian's phone or email", async () => {
    expect(await students({ query: '06 12 34 56 78', status: 'all' })).toEqual([ids.marie, ids.marc]);
    expect(await students({ query: 'maman.zoe@free.fr' })).toEqual([ids.zoe]);
  });

  it('returns everything for an empty or blank query', async () => {
    const all = valueOf(await core.dispatch('students.list', { query: '   ', status: 'all' }));
    expect(all.total).toBe(6);
  });
});

describe('guardians.list search', () => {
  it('finds a phone however it is typed', async () => {
    for (const typed of ['06 12 34', '+33612', '0612345678', '06.12.34.56.78', '+33 6 12 34 56 78', '0033612345678', '612345678', '345678']) {
      expect(await guardians(typed), typed).toEqual([ids.nathalie]);
    }
  });

  it('finds overseas numbers by their national and international forms', async () => {
    expect(await guardians('0692 12 34 56')).toEqual([ids.helene]);
    expect(await guardians('+262 692 12')).toEqual([ids.helene]);
    expect(await guardians('01 45 67')).toEqual([ids.mamie]);
  });

  it('finds by email substring; domains only when the query looks like an address', async () => {
    expect(await guardians('nathalie.dupont@orange.fr')).toEqual([ids.nathalie]);
    expect(await guardians('orange.fr')).toEqual([ids.nathalie]);
    expect(await guardians('@gmail')).toEqual([ids.helene]);
    expect(await guardians('lefev')).toEqual([ids.helene]);
    expect(await guardians('maman')).toEqual([ids.aissatou]);
    // "mail" is in every gmail domain: a plain word must not list them all.
    expect(await guardians('mail')).toEqual([]);
  });

  it('finds by name in any order and by a child’s class', async () => {
    expect(await guardians('nathalie dupont')).toEqual([ids.nathalie]);
    expect(await guardians('DUPONT')).toEqual([ids.jerome, ids.nathalie]);
    expect(await guardians('jerome')).toEqual([ids.jerome]);
    expect(await guardians('aissatou')).toEqual([ids.aissatou]);
    expect(await guardians('dupont 6b')).toEqual([ids.jerome]);
  });

  it('finds nothing for an unknown word', async () => {
    const r = valueOf(await core.dispatch('guardians.list', { query: 'xyzzy' }));
    expect(r).toEqual({ total: 0, rows: [] });
  });
});

describe('register changes', () => {
  it('sees rows written after the first search, without any event', async () => {
    expect(await guardians('bernard')).toEqual([]);
    await core.db.write((tx) => {
      tx.run(
        `INSERT INTO guardian (id, last_name, first_name, phone, name_key, created_at, updated_at)
         VALUES ('g-new', 'Bernard', 'Paul', '+33600000001', 'bernard paul', 't', 't')`,
      );
    });
    expect(await guardians('bernard')).toEqual(['g-new']);
    expect(await guardians('06 00 00 00 01')).toEqual(['g-new']);
  });

  it('sees an edit that inserts no row', async () => {
    expect(await guardians('jerome')).toEqual([ids.jerome]);
    await core.db.write((tx) => tx.run(`UPDATE guardian SET first_name = 'Gérôme' WHERE id = ?`, [ids.jerome]));
    expect(await guardians('jerome')).toEqual([]);
    expect(await guardians('gerome')).toEqual([ids.jerome]);
  });
});

describe('phone search precision', () => {
  it('matches a number typed from its start only at the start of a stored number', async () => {
    // +33798765432 is 0798765432 nationally: "0765" is inside it but is not how it starts.
    expect(await guardians('0765')).toEqual([]);
    expect(await guardians('0798')).toEqual([ids.jerome]);
    expect(await guardians('765432')).toEqual([ids.jerome]);
  });
});
