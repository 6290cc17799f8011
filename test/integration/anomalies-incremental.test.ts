// Property: whatever corrections are made, the desk patched after each one equals a scan from
// scratch of the same register (same keys, same messages).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanAnomalies } from '../../electron/core/anomalies/scan';
import { ok, openCorrectionsCore, seed, type CorrectionsCore } from '../../electron/core/edits/test-core';
import { insertAnomalyFixture } from './anomalies-fixture';

const GUARDIANS = ['gA1', 'gA2', 'gB1', 'gB2', 'gC1', 'gC2', 'gE1', 'gF1', 'gG0', 'gG1', 'gG2', 'gH1', 'gH2', 'gK1', 'gL1'];
const STUDENTS = ['sA1', 'sB1', 'sC1', 'sE1', 'sF1', 'sG1', 'sG2', 'sH1', 'sH2', 'sI1', 'sJ1', 'sK1', 'sL1'];

const op = fc.oneof(
  fc.record({ t: fc.constant('phone' as const), g: fc.constantFrom(...GUARDIANS), raw: fc.constantFrom('06 00 00 00 01', '0612121212', '01 45 67 89 01', '') }),
  fc.record({ t: fc.constant('email' as const), g: fc.constantFrom(...GUARDIANS), raw: fc.constantFrom('a@free.fr', 'x@gmial.com', '') }),
  fc.record({ t: fc.constant('name' as const), g: fc.constantFrom(...GUARDIANS), first: fc.constantFrom('Sophie', 'Hélène', 'Héléna', 'Claire') }),
  fc.record({ t: fc.constant('link' as const), g: fc.constantFrom(...GUARDIANS), s: fc.constantFrom(...STUDENTS), rank: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ t: fc.constant('unlink' as const), g: fc.constantFrom(...GUARDIANS), s: fc.constantFrom(...STUDENTS) }),
  fc.record({ t: fc.constant('student' as const), s: fc.constantFrom(...STUDENTS), status: fc.constantFrom('enrolled' as const, 'left' as const), birth: fc.constantFrom('03/05/2013', '01/01/1990') }),
  fc.record({ t: fc.constant('merge' as const), keep: fc.constantFrom(...GUARDIANS), merge: fc.constantFrom(...GUARDIANS) }),
  fc.record({ t: fc.constant('split' as const) }),
  fc.record({ t: fc.constant('revert' as const), nth: fc.nat(20) }),
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

async function apply(c: CorrectionsCore, o: Op): Promise<void> {
  const version = (table: string, id: string) => c.db.get<{ version: number }>(`SELECT version FROM ${table} WHERE id = ?`, [id])?.version;
  const linkId = (s: string, g: string) => c.db.get<{ id: string }>('SELECT id FROM guardianship WHERE student_id = ? AND guardian_id = ?', [s, g])?.id;
  switch (o.t) {
    case 'phone':
    case 'email':
    case 'name': {
      const v = version('guardian', o.g);
      if (v === undefined) return;
      const changes = o.t === 'phone' ? { phone: o.raw ? { raw: o.raw, country: 'FR' } : null } : o.t === 'email' ? { email: o.raw || null } : { firstName: o.first };
      ok(await c.dispatch('guardians.update', { id: o.g, baseVersion: v, changes }));
      return;
    }
    case 'link': {
      if (version('guardian', o.g) === undefined) return;
      const existing = linkId(o.s, o.g);
      if (existing) ok(await c.dispatch('guardianships.update', { linkId: existing, legalRank: o.rank }));
      else ok(await c.dispatch('guardianships.link', { studentId: o.s, guardianId: o.g, legalRank: o.rank }));
      return;
    }
    case 'unlink': {
      const existing = linkId(o.s, o.g);
      if (existing) ok(await c.dispatch('guardianships.unlink', { linkId: existing }));
      return;
    }
    case 'student': {
      ok(await c.dispatch('students.update', { id: o.s, baseVersion: version('student', o.s)!, changes: { status: o.status, birthDate: o.birth } }));
      return;
    }
    case 'merge': {
      if (o.keep === o.merge || version('guardian', o.keep) === undefined || version('guardian', o.merge) === undefined) return;
      ok(await c.dispatch('guardians.merge', { keepId: o.keep, mergeId: o.merge }));
      return;
    }
    case 'split': {
      const m = c.db.get<{ id: string }>("SELECT id FROM guardian_merge WHERE state = 'merged' ORDER BY rowid DESC LIMIT 1");
      if (m) ok(await c.dispatch('guardians.split', { mergeId: m.id }));
      return;
    }
    case 'revert': {
      // Any change may be reverted; one changed since is refused, which is fine here.
      const a = c.db.get<{ id: string }>(`SELECT id FROM audit WHERE field NOT IN ('*', 'merge', 'split', 'guardian_id') AND entity IN ('guardian', 'student', 'guardianship') ORDER BY rowid DESC LIMIT 1 OFFSET ${o.nth}`);
      if (a) await c.dispatch('history.revert', { auditId: a.id });
    }
  }
}

describe('anomalies desk, patched after each correction', () => {
  it('always equals a fresh scan', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        const c = await openCorrectionsCore();
        await insertAnomalyFixture(c.db);
        ok(await c.dispatch('anomalies.summary', {}));
        for (const o of ops) {
          await apply(c, o);
          const live = ok(await c.dispatch('anomalies.list', { limit: 1000 })).rows.map((a) => `${a.key} ${a.message} ${a.students.join(',')}`);
          const fresh = scanAnomalies(c.db, { today: new Date('2024-09-02T08:00:00.000Z') }).map((a) => `${a.key} ${a.message} ${a.students.join(',')}`);
          expect(live.sort()).toEqual(fresh.sort());
        }
        await c.db.close();
      }),
      { numRuns: 30 },
    );
  });
});

describe('anomalies desk, a shared contact patched', () => {
  it('replaces the entry of a shared phone when a third family takes it', async () => {
    const c = await openCorrectionsCore();
    await c.db.write((tx) => {
      const s = seed(tx);
      // g1 is the register's first guardian, its phone the first the model reads (a contact once
      // numbered 0, which the patch took for no contact at all).
      s.guardian({ id: 'g1', last: 'Martin', first: 'Léa', phone: '+33611111111' });
      s.guardian({ id: 'g2', last: 'Durand', first: 'Paul', phone: '+33611111111' });
      s.guardian({ id: 'g3', last: 'Petit', first: 'Nina' });
      for (const [st, g] of [['s1', 'g1'], ['s2', 'g2'], ['s3', 'g3']]) {
        s.student({ id: st!, last: 'Enfant', first: st! });
        s.link(st!, g!, 1);
      }
    });
    const shared = async () =>
      ok(await c.dispatch('anomalies.list', { kind: 'guardian.shared_contact', limit: 100 })).rows.map((a) => a.guardians.join(','));
    expect(await shared()).toEqual(['g1,g2']);
    const v = c.db.get<{ version: number }>("SELECT version FROM guardian WHERE id = 'g3'")!.version;
    ok(await c.dispatch('guardians.update', { id: 'g3', baseVersion: v, changes: { phone: { raw: '06 11 11 11 11', country: 'FR' } } }));
    expect(await shared()).toEqual(['g1,g2,g3']);
    const fresh = scanAnomalies(c.db, { today: new Date('2024-09-02T08:00:00.000Z') }).filter((a) => a.kind === 'guardian.shared_contact');
    expect(fresh.map((a) => a.guardians.join(','))).toEqual(['g1,g2,g3']);
    await c.db.close();
  });
});
