import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Register } from '../../electron/core/db/types';
import { failure, ok, openCorrectionsCore, seed } from '../../electron/core/edits/test-core';

type LinkView = { student: string; guardian: string; relation: string | null; rank: number };
const links = (db: Register): LinkView[] =>
  db
    .all<{ student_id: string; guardian_id: string; relation: string | null; legal_rank: number }>(
      'SELECT student_id, guardian_id, relation, legal_rank FROM guardianship ORDER BY student_id, guardian_id',
    )
    .map((l) => ({ student: l.student_id, guardian: l.guardian_id, relation: l.relation, rank: Number(l.legal_rank) }));
const guardianFields = (db: Register) =>
  db.all(
    `SELECT id, civility, last_name, first_name, phone, phone_raw, email, email_raw, address_line1, address_line2, postal_code, city, country, name_key
       FROM guardian ORDER BY id`,
  );

async function family() {
  const c = await openCorrectionsCore();
  await c.db.write((tx) => {
    const s = seed(tx);
    s.guardian({ id: 'gKeep', civility: 'Mme', last: 'Bernard', first: 'Sophie', phone: null, email: 'sophie@free.fr' });
    s.guardian({ id: 'gDup', civility: 'Mme', last: 'BERNARD', first: 'Sophie', phone: '+33611111111', email: 'sophie.b@orange.fr', address: '3 rue des Lilas' });
    s.guardian({ id: 'gDad', civility: 'M.', last: 'Bernard', first: 'Marc' });
    s.student({ id: 's1', last: 'Bernard', first: 'Louis' });
    s.student({ id: 's2', last: 'Bernard', first: 'Rose' });
    s.student({ id: 's3', last: 'Bernard', first: 'Lina' });
    s.link('s1', 'gKeep', 0, null);
    s.link('s1', 'gDup', 1, 'Mère');
    s.link('s2', 'gDup', 2, 'Mère');
    s.link('s3', 'gKeep', 1, 'Mère');
    s.link('s1', 'gDad', 2, 'Père');
    tx.run("INSERT INTO letter (id, guardian_id, batch_id, printed_at, printed_by) VALUES ('let1', 'gDup', 'b1', '2024-09-01', 'x')");
    tx.run("INSERT INTO report (id, guardian_id, student_id, source, created_at) VALUES ('r1', 'gDup', 's2', 'service', '2024-09-01')");
    tx.run("INSERT INTO account (guardian_id, remote_id, state, updated_at) VALUES ('gDup', 'acc-9', 'notified', '2024-09-01')");
  });
  return c;
}

describe('guardians.merge and guardians.split', () => {
  it('previews both records field by field with the suggested choice', async () => {
    const c = await family();
    const p = ok(await c.dispatch('guardians.mergePreview', { keepId: 'gKeep', mergeId: 'gDup' }));
    const phone = p.fields.find((f) => f.field === 'phone')!;
    expect(phone).toMatchObject({ keepValue: null, mergeValue: '06 11 11 11 11', suggested: 'merge' });
    expect(p.fields.find((f) => f.field === 'email')).toMatchObject({ suggested: 'keep', same: false });
    expect(p.sharedStudents).toEqual(['s1']);
    expect(p.warnings.join(' ')).toMatch(/Deux courriels différents/);
    expect(failure(await c.dispatch('guardians.mergePreview', { keepId: 'gKeep', mergeId: 'gKeep' })).code).toBe('invalid_input');
  });

  it('merges: chosen fields, every link, letter, report and account moved, one transaction audited and queued', async () => {
    const c = await family();
    const merged = ok(await c.dispatch('guardians.merge', { keepId: 'gKeep', mergeId: 'gDup', fieldChoices: { address: 'merge' }, keepVersion: 1, mergeVersion: 1 }));
    expect(c.db.get("SELECT id FROM guardian WHERE id = 'gDup'")).toBeUndefined();
    expect(c.db.get("SELECT phone, email, address_line1, version FROM guardian WHERE id = 'gKeep'")).toEqual({
      phone: '+33611111111', email: 'sophie@free.fr', address_line1: '3 rue des Lilas', version: 2,
    });
    expect(links(c.db)).toEqual([
      { student: 's1', guardian: 'gDad', relation: 'Père', rank: 2 },
      // The shared child keeps one link: the kept record's, with the best-known relation and rank.
      { student: 's1', guardian: 'gKeep', relation: 'Mère', rank: 1 },
      { student: 's2', guardian: 'gKeep', relation: 'Mère', rank: 2 },
      { student: 's3', guardian: 'gKeep', relation: 'Mère', rank: 1 },
    ]);
    expect(c.db.get("SELECT guardian_id FROM letter WHERE id = 'let1'")).toEqual({ guardian_id: 'gKeep' });
    expect(c.db.get("SELECT guardian_id FROM report WHERE id = 'r1'")).toEqual({ guardian_id: 'gKeep' });
    expect(c.db.get("SELECT guardian_id, remote_id FROM account")).toEqual({ guardian_id: 'gKeep', remote_id: 'acc-9' });
    const ops = c.db.all<{ entity: string; entity_id: string; op: string }>('SELECT entity, entity_id, op FROM outbox ORDER BY rowid');
    expect(ops).toEqual(
      expect.arrayContaining([
        { entity: 'guardian', entity_id: 'gKeep', op: 'upsert' },
        { entity: 'guardian', entity_id: 'gDup', op: 'merge' },
        { entity: 'student', entity_id: 's1', op: 'upsert' },
        { entity: 'student', entity_id: 's2', op: 'upsert' },
      ]),
    );
    const history = ok(await c.dispatch('history.list', { entity: 'guardian', id: 'gKeep' }));
    expect(history.rows.some((r) => r.field === 'merge' && !r.revertible)).toBe(true);
    const records = ok(await c.dispatch('guardians.merges', { guardianId: 'gKeep' }));
    expect(records).toMatchObject([{ id: merged.mergeId, keepId: 'gKeep', mergedId: 'gDup', mergedLabel: 'Mme BERNARD Sophie', state: 'merged' }]);
  });

  it('splits back exactly: both records, every link, letter, report and account', async () => {
    const c = await family();
    const beforeLinks = links(c.db);
    const beforeFields = guardianFields(c.db);
    const { mergeId } = ok(await c.dispatch('guardians.merge', { keepId: 'gKeep', mergeId: 'gDup', fieldChoices: { address: 'merge', email: 'merge' } }));
    const split = ok(await c.dispatch('guardians.split', { mergeId }));
    expect(split).toEqual({ keepId: 'gKeep', restoredId: 'gDup' });
    expect(links(c.db)).toEqual(beforeLinks);
    expect(guardianFields(c.db)).toEqual(beforeFields);
    expect(c.db.get("SELECT guardian_id FROM letter WHERE id = 'let1'")).toEqual({ guardian_id: 'gDup' });
    expect(c.db.get("SELECT guardian_id FROM report WHERE id = 'r1'")).toEqual({ guardian_id: 'gDup' });
    expect(c.db.get("SELECT guardian_id FROM account")).toEqual({ guardian_id: 'gDup' });
    expect(ok(await c.dispatch('guardians.merges', { guardianId: 'gDup' }))[0]).toMatchObject({ state: 'split', splitBy: 'secrétariat' });
    expect(c.db.all<{ op: string }>("SELECT op FROM outbox WHERE entity_id = 'gDup' ORDER BY rowid").map((o) => o.op)).toEqual(['merge', 'upsert', 'split']);
    expect(failure(await c.dispatch('guardians.split', { mergeId })).code).toBe('conflict');
  });

  it('refuses a stale version and writes nothing', async () => {
    const c = await family();
    const err = failure(await c.dispatch('guardians.merge', { keepId: 'gKeep', mergeId: 'gDup', keepVersion: 7 }));
    expect(err.code).toBe('conflict');
    expect(c.db.get("SELECT id FROM guardian WHERE id = 'gDup'")).toBeDefined();
    expect(c.db.get<{ n: number }>('SELECT count(*) AS n FROM guardian_merge')!.n).toBe(0);
  });

  it('property: for any links and field choices, split after merge restores links and both records', async () => {
    const guardians = ['ga', 'gb', 'gc'];
    const students = ['s1', 's2', 's3', 's4'];
    const linkArb = fc.record({
      student: fc.constantFrom(...students),
      guardian: fc.constantFrom(...guardians),
      rank: fc.integer({ min: 0, max: 2 }),
      relation: fc.constantFrom(null, 'Mère', 'Père', 'Tuteur'),
    });
    const choice = fc.constantFrom<'keep' | 'merge'>('keep', 'merge');
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(linkArb, { selector: (l) => `${l.student}|${l.guardian}`, maxLength: 10 }),
        fc.record({ civility: choice, lastName: choice, firstName: choice, phone: choice, email: choice, address: choice }),
        fc.boolean(),
        async (ls, fieldChoices, withNulls) => {
          const c = await openCorrectionsCore();
          await c.db.write((tx) => {
            const s = seed(tx);
            s.guardian({ id: 'ga', last: 'Martin', first: 'Anne', phone: withNulls ? null : '+33611111111', address: '1 rue A' });
            s.guardian({ id: 'gb', last: 'MARTIN', first: 'Anne', email: withNulls ? null : 'b@free.fr', phoneRaw: '06 12' });
            s.guardian({ id: 'gc', last: 'Roux', first: 'Paul' });
            for (const id of students) s.student({ id, last: 'Martin', first: id });
            ls.forEach((l, i) => s.link(l.student, l.guardian, l.rank, l.relation, `l${i}`));
          });
          const beforeLinks = links(c.db);
          const beforeFields = guardianFields(c.db);
          const { mergeId } = ok(await c.dispatch('guardians.merge', { keepId: 'ga', mergeId: 'gb', fieldChoices }));
          // After the merge, nothing points to the merged record and each child has one link per guardian.
          expect(links(c.db).some((l) => l.guardian === 'gb')).toBe(false);
          const mergedChildren = new Set(ls.filter((l) => l.guardian === 'ga' || l.guardian === 'gb').map((l) => l.student));
          expect(new Set(links(c.db).filter((l) => l.guardian === 'ga').map((l) => l.student))).toEqual(mergedChildren);
          ok(await c.dispatch('guardians.split', { mergeId }));
          expect(links(c.db)).toEqual(beforeLinks);
          expect(guardianFields(c.db)).toEqual(beforeFields);
          await c.db.close();
        },
      ),
      { numRuns: 40 },
    );
  });
});
