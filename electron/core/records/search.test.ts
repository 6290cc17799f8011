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

describe('values refused at import and foreign numbers', () => {
  // A guardian whose phone and email failed validation at import: the values are null, the input
  // is kept raw and shown on their page, so it must find them. And a Belgian mobile.
  beforeEach(async () => {
    await core.db.write((tx) => {
      tx.run(
        `INSERT INTO guardian (id, last_name, first_name, phone, phone_raw, email, email_raw, name_key, created_at, updated_at)
         VALUES ('g-raw', 'Martinez', 'Hélène', NULL, '07 11 47 10 49', NULL, ' Helene.Martinez@gmail ', 'martinez helene', 't', 't'),
                ('g-be', 'Peeters', 'Lotte', '+32470123456', NULL, NULL, NULL, 'peeters lotte', 't', 't')`,
      );
      tx.run(`INSERT INTO guardianship (id, student_id, guardian_id, created_at) VALUES ('l-raw', ?, 'g-raw', 't')`, [ids.emile]);
    });
  });

  it('finds a guardian by the phone kept as typed, digits only', async () => {
    for (const typed of ['0711471049', '07 11 47 10 49', '07.11.47', '471049']) expect(await guardians(typed), typed).toEqual(['g-raw']);
    expect(await students({ query: '0711471049' })).toEqual([ids.emile]);
  });

  it('finds a guardian by the email kept as typed', async () => {
    expect(await guardians('helene.martinez@gmail')).toEqual(['g-raw']);
    expect(await guardians('martinez@gm')).toEqual(['g-raw']);
    expect(await guardians('helene.mart')).toEqual(['g-raw']);
    expect(await students({ query: 'helene.martinez@gmail' })).toEqual([ids.emile]);
  });

  it('ignores the raw input once a valid value is stored', async () => {
    // Only refused input is indexed, as only that is shown on the guardian's page.
    await core.db.write((tx) => tx.run(`UPDATE guardian SET phone_raw = '09 99 99 99 99' WHERE id = ?`, [ids.jerome]));
    expect(await guardians('0999999999')).toEqual([]);
  });

  it('finds a foreign number by its national form as well as its international one', async () => {
    for (const typed of ['0470 12', '0470123456', '+32 470', '0032 470 12', '470 12 34']) expect(await guardians(typed), typed).toEqual(['g-be']);
    // French numbers keep both forms.
    expect(await guardians('06 12')).toEqual([ids.nathalie]);
    expect(await guardians('+33 6 12')).toEqual([ids.nathalie]);
  });

  it('patches raw values and national forms after edits: a fixed phone stops matching its old input', async () => {
    expect(await guardians('0711471049')).toEqual(['g-raw']);
    expect(await guardians('0470 12')).toEqual(['g-be']);
    const index = core.cache.get('records.searchIndex');
    await core.db.write((tx) => {
      tx.run(`UPDATE guardian SET phone = '+32470987654', phone_raw = NULL, email = 'helene.martinez@gmail.com', email_raw = NULL WHERE id = 'g-raw'`);
      tx.run(`UPDATE guardian SET phone = '+41791234567' WHERE id = 'g-be'`);
    });
    expect(await guardians('0711471049')).toEqual([]);
    expect(await students({ query: '0711471049' })).toEqual([]);
    expect(await guardians('0470 98')).toEqual(['g-raw']);
    expect(await students({ query: '0470 98 76 54' })).toEqual([ids.emile]);
    expect(await guardians('helene.martinez@gmail.com')).toEqual(['g-raw']);
    expect(await guardians('0470 12')).toEqual([]);
    expect(await guardians('079 123 45 67')).toEqual(['g-be']);
    // Refused again: the new raw input is what finds them.
    await core.db.write((tx) => tx.run(`UPDATE guardian SET phone = NULL, phone_raw = '0712 00' WHERE id = 'g-raw'`));
    expect(await guardians('0712 00')).toEqual(['g-raw']);
    expect(await guardians('0470 98')).toEqual([]);
    // Patched, not rebuilt.
    expect(core.cache.get('records.searchIndex')).toBe(index);
  });
});
