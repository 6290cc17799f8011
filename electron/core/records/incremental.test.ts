import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Input } from '../../../shared/contract';
import type { Tx } from '../db/types';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixedClock } from '../../../shared/clock';
import { sequentialIds } from '../../../shared/ids';
import { openRegister } from '../db/register';
import { createDispatcher } from '../dispatch';
import { invalidateRecords, registerStamp } from './cache';
import { recordsHandlers } from './handlers';
import { openTestCore, valueOf, type TestCore } from './test-core';

// The search index is patched after each change (change log + patch.ts). These tests run the same
// random writes on two registers: one core keeps its index and patches it, the other rebuilds
// from scratch before every read; every list must come out the same.

const T = '2024-09-01T08:00:00.000Z';
const LAST = ['Dupont', 'DUPONT', 'Dupont-Martin', 'Lefèvre', "N'Diaye", 'Le Goff', 'Martin', 'Zola', 'Ölçer', 'Nguyen'];
const FIRST = ['Marie', 'Léa', 'Zoé', 'Émile', 'Jérôme', 'Nathalie', 'Marc', 'Aïssatou'];
const PHONES = [null, '+33612345678', '+33798765432', '+262692123456', '+33145678901', '+447700900123', '+32470123456'];
// Raw input kept when the phone or email was refused: searchable only while the value is null.
const PHONE_RAWS = [null, '07 11 47 10 49', '+33 7 11 47 10 49', 'pas de portable'];
const EMAIL_RAWS = [null, 'helene.martinez@gmail', ' Bad Mail@Free '];
const EMAILS = [null, 'nathalie.dupont@orange.fr', 'maman.zoe@free.fr', 'jerome@gmail.com', 'Léa.Martin@Free.fr'];
const DIVISIONS = [null, '6A', '6B', '5A', '3E', 'CM2', 'Terminale S'];
const BIRTHS = [null, '2013-02-03', '2012-05-06', '2010-01-01'];

type Op =
  | { op: 'addStudent'; last: number; first: number; birth: number; division: number; left: boolean }
  | { op: 'addGuardian'; last: number; first: number; phone: number; email: number; phoneRaw?: number; emailRaw?: number }
  | { op: 'editStudent'; at: number; last: number; first: number; birth: number; division: number; left: boolean }
  | { op: 'editGuardian'; at: number; last: number; first: number; phone: number; email: number; phoneRaw: number; emailRaw: number }
  | { op: 'deleteStudent'; at: number }
  | { op: 'deleteGuardian'; at: number }
  | { op: 'link'; s: number; g: number }
  | { op: 'unlink'; at: number }
  | { op: 'moveLink'; at: number; g: number }
  | { op: 'merge'; keep: number; drop: number }
  | { op: 'upsertGuardian'; at: number; phone: number }
  | { op: 'reinsertStudent'; at: number; last: number };

const pick = (n: number) => fc.nat({ max: n - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('addStudent' as const), last: pick(LAST.length), first: pick(FIRST.length), birth: pick(BIRTHS.length), division: pick(DIVISIONS.length), left: fc.boolean() }),
  fc.record({ op: fc.constant('addGuardian' as const), last: pick(LAST.length), first: pick(FIRST.length), phone: pick(PHONES.length), email: pick(EMAILS.length), phoneRaw: pick(PHONE_RAWS.length), emailRaw: pick(EMAIL_RAWS.length) }),
  fc.record({ op: fc.constant('editStudent' as const), at: fc.nat(), last: pick(LAST.length), first: pick(FIRST.length), birth: pick(BIRTHS.length), division: pick(DIVISIONS.length), left: fc.boolean() }),
  fc.record({ op: fc.constant('editGuardian' as const), at: fc.nat(), last: pick(LAST.length), first: pick(FIRST.length), phone: pick(PHONES.length), email: pick(EMAILS.length), phoneRaw: pick(PHONE_RAWS.length), emailRaw: pick(EMAIL_RAWS.length) }),
  fc.record({ op: fc.constant('deleteStudent' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('deleteGuardian' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('link' as const), s: fc.nat(), g: fc.nat() }),
  fc.record({ op: fc.constant('unlink' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('moveLink' as const), at: fc.nat(), g: fc.nat() }),
  fc.record({ op: fc.constant('merge' as const), keep: fc.nat(), drop: fc.nat() }),
  fc.record({ op: fc.constant('upsertGuardian' as const), at: fc.nat(), phone: pick(PHONES.length) }),
  fc.record({ op: fc.constant('reinsertStudent' as const), at: fc.nat(), last: pick(LAST.length) }),
);

const idsOf = (tx: Tx, table: string): string[] => tx.all<{ id: string }>(`SELECT id FROM ${table} ORDER BY id`).map((r) => r.id);
const nth = <T>(xs: T[], k: number): T | undefined => (xs.length ? xs[k % xs.length] : undefined);

/** Applies one operation; `n` makes new ids unique and identical on both registers. */
function apply(tx: Tx, o: Op, n: number): void {
  const student = (id: string, last: number, first: number, birth: number, division: number, left: boolean) => [
    LAST[last]!, FIRST[first]!, BIRTHS[birth] ?? null, DIVISIONS[division] ?? null, left ? 'left' : 'enrolled', id,
  ];
  switch (o.op) {
    case 'addStudent':
      tx.run(
        `INSERT INTO student (last_name, first_name, birth_date, division, status, id, ine, match_key, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'k', ?, ?)`,
        [...student(`s${n}`, o.last, o.first, o.birth, o.division, o.left), n % 3 ? `${1000000000 + n}X` : null, T, T],
      );
      return;
    case 'addGuardian':
      tx.run(
        `INSERT INTO guardian (id, last_name, first_name, phone, email, phone_raw, email_raw, name_key, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'k', ?, ?)`,
        [`g${n}`, LAST[o.last]!, FIRST[o.first]!, PHONES[o.phone] ?? null, EMAILS[o.email] ?? null, PHONE_RAWS[o.phoneRaw ?? 0] ?? null, EMAIL_RAWS[o.emailRaw ?? 0] ?? null, T, T],
      );
      return;
    case 'editStudent': {
      const id = nth(idsOf(tx, 'student'), o.at);
      if (id) tx.run('UPDATE student SET last_name = ?, first_name = ?, birth_date = ?, division = ?, status = ? WHERE id = ?', student(id, o.last, o.first, o.birth, o.division, o.left));
      return;
    }
    case 'editGuardian': {
      const id = nth(idsOf(tx, 'guardian'), o.at);
      if (id) {
        tx.run('UPDATE guardian SET last_name = ?, first_name = ?, phone = ?, email = ?, phone_raw = ?, email_raw = ? WHERE id = ?', [
          LAST[o.last]!, FIRST[o.first]!, PHONES[o.phone] ?? null, EMAILS[o.email] ?? null, PHONE_RAWS[o.phoneRaw] ?? null, EMAIL_RAWS[o.emailRaw] ?? null, id,
        ]);
      }
      return;
    }
    case 'deleteStudent':
    case 'deleteGuardian': {
      const table = o.op === 'deleteStudent' ? 'student' : 'guardian';
      const id = nth(idsOf(tx, table), o.at);
      if (!id) return;
      tx.run(`DELETE FROM guardianship WHERE ${table}_id = ?`, [id]);
      tx.run(`DELETE FROM ${table} WHERE id = ?`, [id]);
      return;
    }
    case 'link': {
      const s = nth(idsOf(tx, 'student'), o.s);
      const g = nth(idsOf(tx, 'guardian'), o.g);
      if (s && g) tx.run(`INSERT OR IGNORE INTO guardianship (id, student_id, guardian_id, created_at) VALUES (?, ?, ?, ?)`, [`l${n}`, s, g, T]);
      return;
    }
    case 'unlink': {
      const id = nth(idsOf(tx, 'guardianship'), o.at);
      if (id) tx.run('DELETE FROM guardianship WHERE id = ?', [id]);
      return;
    }
    case 'moveLink': {
      const id = nth(idsOf(tx, 'guardianship'), o.at);
      const g = nth(idsOf(tx, 'guardian'), o.g);
      if (id && g) tx.run('UPDATE OR IGNORE guardianship SET guardian_id = ? WHERE id = ?', [g, id]);
      return;
    }
    case 'merge': {
      const gs = idsOf(tx, 'guardian');
      const keep = nth(gs, o.keep);
      const drop = nth(gs, o.drop);
      if (!keep || !drop || keep === drop) return;
      tx.run('UPDATE OR IGNORE guardianship SET guardian_id = ? WHERE guardian_id = ?', [keep, drop]);
      tx.run('DELETE FROM guardianship WHERE guardian_id = ?', [drop]);
      tx.run('DELETE FROM guardian WHERE id = ?', [drop]);
      return;
    }
    case 'reinsertStudent': {
      // Same id, new rowid: the index must not keep the old record as well.
      const id = nth(idsOf(tx, 'student'), o.at);
      if (!id) return;
      tx.run('DELETE FROM guardianship WHERE student_id = ?', [id]);
      tx.run('DELETE FROM student WHERE id = ?', [id]);
      tx.run(`INSERT INTO student (id, last_name, first_name, match_key, created_at, updated_at) VALUES (?, ?, 'Re', 'k', ?, ?)`, [id, LAST[o.last]!, T, T]);
      return;
    }
    case 'upsertGuardian': {
      const id = nth(idsOf(tx, 'guardian'), o.at) ?? `g${n}`;
      tx.run(
        `INSERT INTO guardian (id, last_name, first_name, phone, name_key, created_at, updated_at) VALUES (?, 'Martin', 'Léa', ?, 'k', ?, ?)
         ON CONFLICT (id) DO UPDATE SET phone = excluded.phone`,
        [id, PHONES[o.phone] ?? null, T, T],
      );
      return;
    }
  }
}

const STUDENT_SORTS = ['lastName', 'firstName', 'birthDate', 'ine', 'division'] as const;
const GUARDIAN_SORTS = ['lastName', 'firstName', 'phone', 'email', 'childCount'] as const;
const QUERIES = ['', 'dup', 'dupont martin', 'le', 'ndiaye', '06 12', '+262', '6a', 'ma', '@free', 'zoe', 'olcer', '1000', '0711471049', '07 11', '0470 12', '+32 470', 'martinez@gm', 'bad'];

async function snapshot(core: TestCore): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const dir of ['asc', 'desc'] as const) {
    for (const key of STUDENT_SORTS) {
      for (const query of key === 'lastName' ? QUERIES : ['', 'ma']) {
        const input: Input<'students.list'> = { query, status: 'all', sort: { key, dir }, limit: 500 };
        out.push({ input, ...valueOf(await core.dispatch('students.list', input)) });
      }
    }
    const byClass: Input<'students.list'> = { division: '6A', status: 'enrolled', sort: { key: 'lastName', dir } };
    out.push({ input: byClass, ...valueOf(await core.dispatch('students.list', byClass)) });
    for (const key of GUARDIAN_SORTS) {
      for (const query of key === 'lastName' ? QUERIES : ['', 'dup']) {
        const input: Input<'guardians.list'> = { query, sort: { key, dir }, limit: 500 };
        out.push({ input, ...valueOf(await core.dispatch('guardians.list', input)) });
      }
    }
  }
  return out;
}

async function seed(core: TestCore, ops: Op[]): Promise<void> {
  await core.db.write((tx) => ops.forEach((o, k) => apply(tx, o, 1000 + k)));
}

describe('incremental search index', () => {
  it('answers like a full rebuild after random changes of students, guardians and links', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 5, maxLength: 25 }),
        fc.array(fc.array(opArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        async (initial, batches) => {
          const kept = await openTestCore();
          const rebuilt = await openTestCore();
          // Sorted only by name before the changes: its other orderings are built over a patched
          // index (dead and added slots) at the end.
          const late = await openTestCore();
          try {
            const setup = [...initial, ...initial.map((o) => (o.op === 'addStudent' ? { ...o, op: 'addGuardian' as const, phone: 1, email: 1 } : o))];
            for (const core of [kept, rebuilt, late]) await seed(core, setup);
            // Every ordering exists before the changes, so they are patched, not built afresh.
            await snapshot(kept);
            await late.dispatch('students.list', {});
            const index = kept.cache.get('records.searchIndex');
            const lateIndex = late.cache.get('records.searchIndex');
            let n = 0;
            for (const batch of batches) {
              for (const core of [kept, rebuilt, late]) {
                let k = n;
                await core.db.write((tx) => batch.forEach((o) => apply(tx, o, k++)));
              }
              n += batch.length;
              invalidateRecords(rebuilt);
              expect(await snapshot(kept)).toEqual(await snapshot(rebuilt));
            }
            expect(await snapshot(late)).toEqual(await snapshot(rebuilt));
            // Patched all along: the same cached indexes, never rebuilt.
            expect(kept.cache.get('records.searchIndex')).toBe(index);
            expect(late.cache.get('records.searchIndex')).toBe(lateIndex);
          } finally {
            for (const core of [kept, rebuilt, late]) await core.db.close();
          }
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 25), ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {}) },
    );
  }, 120_000);
});

describe('change log', () => {
  it('leaves the register stamp alone: reading never looks like a write', async () => {
    const core = await openTestCore();
    try {
      await seed(core, [{ op: 'addGuardian', last: 0, first: 0, phone: 1, email: 1 }]);
      await core.dispatch('guardians.list', {});
      for (let k = 0; k < 3; k++) {
        await core.db.write((tx) => tx.run(`UPDATE guardian SET phone = ? WHERE id = 'g1000'`, [PHONES[k + 1]!]));
        const before = registerStamp(core.db);
        await core.dispatch('guardians.list', { query: 'dupont' });
        expect(registerStamp(core.db)).toBe(before);
      }
    } finally {
      await core.db.close();
    }
  });

  it('forgets changes rolled back with their transaction', async () => {
    const core = await openTestCore();
    try {
      await seed(core, [{ op: 'addGuardian', last: 0, first: 0, phone: 1, email: 1 }]);
      await core.dispatch('guardians.list', {});
      await expect(
        core.db.write((tx) => {
          tx.run(`UPDATE guardian SET last_name = 'Zola' WHERE id = 'g1000'`);
          throw new Error('abandon');
        }),
      ).rejects.toThrow('abandon');
      await core.db.write((tx) => tx.run(`UPDATE guardian SET first_name = 'Paul' WHERE id = 'g1000'`));
      const rows = valueOf(await core.dispatch('guardians.list', {})).rows;
      expect(rows.map((r) => [r.lastName, r.firstName])).toEqual([['Dupont', 'Paul']]);
    } finally {
      await core.db.close();
    }
  });

  it('rebuilds when more changed than patches are worth, and stays right', async () => {
    const core = await openTestCore();
    try {
      await seed(core, [{ op: 'addGuardian', last: 0, first: 0, phone: 1, email: 1 }]);
      await core.dispatch('guardians.list', {});
      const before = core.cache.get('records.searchIndex');
      await core.db.write((tx) => {
        for (let k = 0; k < 9000; k++) {
          tx.run(`INSERT INTO guardian (id, last_name, first_name, name_key, created_at, updated_at) VALUES (?, 'Martin', 'Léa', 'k', ?, ?)`, [`m${k}`, T, T]);
        }
      });
      expect(valueOf(await core.dispatch('guardians.list', { query: 'martin lea' })).total).toBe(9000);
      expect(core.cache.get('records.searchIndex')).not.toBe(before);
      // The log was started afresh: the next edit is patched in.
      const after = core.cache.get('records.searchIndex');
      await core.db.write((tx) => tx.run(`UPDATE guardian SET last_name = 'Zola' WHERE id = 'm1'`));
      expect(valueOf(await core.dispatch('guardians.list', { query: 'zola' })).rows.map((r) => r.id)).toEqual(['m1']);
      expect(core.cache.get('records.searchIndex')).toBe(after);
    } finally {
      await core.db.close();
    }
  });

  it('keeps patching across many small edits (the log is emptied as it is read)', async () => {
    const core = await openTestCore();
    try {
      await seed(core, [{ op: 'addGuardian', last: 0, first: 0, phone: 1, email: 1 }]);
      await core.dispatch('guardians.list', {});
      const index = core.cache.get('records.searchIndex');
      for (let k = 0; k < 6; k++) {
        // 1,000 seqs per round: the log passes half its cap and is reset on the way.
        await core.db.write((tx) => {
          for (let r = 0; r < 1000; r++) tx.run(`UPDATE guardian SET first_name = ? WHERE id = 'g1000'`, [`P${k}x${r}`]);
        });
        expect(valueOf(await core.dispatch('guardians.list', { query: `p${k}x999` })).total).toBe(1);
      }
      expect(core.cache.get('records.searchIndex')).toBe(index);
    } finally {
      await core.db.close();
    }
  });
});

describe('change log on a register on disk', () => {
  it('survives checkpoints, stays out of the journal, and a reopened register reads the same', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sesame-records-'));
    const file = path.join(dir, 'registre.sesame');
    try {
      const open = async () => {
        const db = await openRegister(file);
        const cache = new Map<string, unknown>();
        const d = createDispatcher(recordsHandlers, { db, clock: fixedClock(T), ids: sequentialIds(), actor: () => 'test', cache });
        const names = async (query: string) => valueOf(await d.dispatch('guardians.list', { query })).rows.map((r) => r.firstName);
        return { db, cache, names };
      };
      const a = await open();
      await a.db.write((tx) => apply(tx, { op: 'addGuardian', last: 0, first: 0, phone: 1, email: 1 }, 1));
      expect(await a.names('dupont')).toEqual(['Marie']);
      const index = a.cache.get('records.searchIndex');
      await a.db.write((tx) => tx.run(`UPDATE guardian SET first_name = 'Léa' WHERE id = 'g1'`));
      await a.db.checkpoint();
      await a.db.write((tx) => apply(tx, { op: 'addGuardian', last: 0, first: 2, phone: 2, email: 0 }, 2));
      expect(await a.names('dupont')).toEqual(['Léa', 'Zoé']);
      expect(a.cache.get('records.searchIndex')).toBe(index);
      await a.db.write((tx) => tx.run(`UPDATE guardian SET first_name = 'Marc' WHERE id = 'g2'`));
      await a.db.close();

      const b = await open();
      expect(await b.names('dupont')).toEqual(['Léa', 'Marc']);
      await b.db.write((tx) => tx.run(`DELETE FROM guardian WHERE id = 'g1'`));
      expect(await b.names('dupont')).toEqual(['Marc']);
      await b.db.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
