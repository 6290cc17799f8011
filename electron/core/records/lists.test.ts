import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuardianRow, StudentRow } from '../../../shared/contract/records';
import { compareDivisions } from './divisions';
import { fillSyntheticRegister, type SyntheticSummary } from './test-data';
import { openTestCore, valueOf, type TestCore } from './test-core';

let core: TestCore;
let summary: SyntheticSummary;
beforeAll(async () => {
  core = await openTestCore();
  summary = await fillSyntheticRegister(core.db, { students: 1500, guardians: 2600, seed: 7 });
});
afterAll(() => core.db.close());

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

async function allStudents(input: Record<string, unknown>): Promise<StudentRow[]> {
  const rows: StudentRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = valueOf(await core.dispatch('students.list', { ...input, offset, limit: 1000 }));
    rows.push(...page.rows);
    if (rows.length >= page.total) return rows;
  }
}

async function allGuardians(input: Record<string, unknown>): Promise<GuardianRow[]> {
  const rows: GuardianRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = valueOf(await core.dispatch('guardians.list', { ...input, offset, limit: 1000 }));
    rows.push(...page.rows);
    if (rows.length >= page.total) return rows;
  }
}

describe('synthetic register', () => {
  it('has the requested size, siblings sharing guardians', () => {
    expect(summary.students).toBe(1500);
    expect(summary.guardians).toBe(2600);
    expect(summary.links).toBeGreaterThan(2600);
  });
});

describe('sorting', () => {
  it('sorts by last name then first name with French collation', async () => {
    const rows = await allStudents({ status: 'all' });
    expect(rows).toHaveLength(1500);
    for (let k = 1; k < rows.length; k++) {
      const a = rows[k - 1]!;
      const b = rows[k]!;
      const c = collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName);
      expect(c, `${a.lastName} ${a.firstName} / ${b.lastName} ${b.firstName}`).toBeLessThanOrEqual(0);
    }
  });

  it('reverses the name order for desc', async () => {
    const asc = await allGuardians({});
    const desc = await allGuardians({ sort: { key: 'lastName', dir: 'desc' } });
    expect(desc.map((r) => r.id)).toEqual(asc.map((r) => r.id).reverse());
  });

  it('sorts by first name, ties by last name', async () => {
    const rows = await allGuardians({ sort: { key: 'firstName', dir: 'asc' } });
    for (let k = 1; k < rows.length; k++) {
      const a = rows[k - 1]!;
      const b = rows[k]!;
      const c = collator.compare(a.firstName, b.firstName) || collator.compare(a.lastName, b.lastName);
      expect(c).toBeLessThanOrEqual(0);
    }
  });

  it('sorts classes in school order, names within a class', async () => {
    const rows = await allStudents({ sort: { key: 'division', dir: 'asc' } });
    for (let k = 1; k < rows.length; k++) {
      const a = rows[k - 1]!;
      const b = rows[k]!;
      const c = compareDivisions(a.division!, b.division!) || collator.compare(a.lastName, b.lastName);
      expect(c).toBeLessThanOrEqual(0);
    }
    expect(rows[0]!.division!.startsWith('6')).toBe(true);
    expect(rows.at(-1)!.division!.startsWith('3')).toBe(true);
  });

  it('puts missing values last in both directions', async () => {
    await core.db.write((tx) => tx.run(`UPDATE guardian SET phone = NULL WHERE id = ?`, [summary.sampleGuardians[0]!.id]));
    for (const dir of ['asc', 'desc'] as const) {
      const rows = await allGuardians({ sort: { key: 'phone', dir } });
      const firstNull = rows.findIndex((r) => r.phone === null);
      expect(firstNull).toBeGreaterThan(0);
      expect(rows.slice(firstNull).every((r) => r.phone === null)).toBe(true);
      const phones = rows.slice(0, firstNull).map((r) => r.phone!);
      const sorted = [...phones].sort();
      expect(phones).toEqual(dir === 'asc' ? sorted : sorted.reverse());
    }
  });

  it('sorts by child count, most children first', async () => {
    const rows = await allGuardians({ sort: { key: 'childCount', dir: 'desc' } });
    for (let k = 1; k < rows.length; k++) expect(rows[k - 1]!.childCount).toBeGreaterThanOrEqual(rows[k]!.childCount);
    expect(rows[0]!.childCount).toBeGreaterThan(1);
  });
});

describe('paging', () => {
  it('returns consecutive slices of one order, with the total', async () => {
    const whole = valueOf(await core.dispatch('guardians.list', { query: 'ma', limit: 1000 }));
    expect(whole.total).toBeGreaterThan(60);
    const p1 = valueOf(await core.dispatch('guardians.list', { query: 'ma', offset: 0, limit: 25 }));
    const p2 = valueOf(await core.dispatch('guardians.list', { query: 'ma', offset: 25, limit: 25 }));
    expect(p1.total).toBe(whole.total);
    expect([...p1.rows, ...p2.rows]).toEqual(whole.rows.slice(0, 50));
    const beyond = valueOf(await core.dispatch('guardians.list', { query: 'ma', offset: whole.total, limit: 25 }));
    expect(beyond).toEqual({ total: whole.total, rows: [] });
  });

  it('refuses a limit above 1000 with a clear message', async () => {
    const r = await core.dispatch('students.list', { limit: 5000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid_input');
  });
});

describe('counts in rows', () => {
  it('gives each student their guardian count and each guardian their child count', async () => {
    const s = summary.sampleStudents[0]!;
    const detail = valueOf(await core.dispatch('students.get', { id: s.id }));
    const row = (await allStudents({ status: 'all' })).find((r) => r.id === s.id)!;
    expect(row.guardianCount).toBe(detail.guardians.length);
    const g = detail.guardians[0]!.guardian;
    const gDetail = valueOf(await core.dispatch('guardians.get', { id: g.id }));
    expect(g.childCount).toBe(gDetail.children.length);
  });
});

describe('several words', () => {
  it('finds exactly the records every word finds', async () => {
    const ids = async (query: string) => new Set((await allGuardians({ query })).map((r) => r.id));
    const g = summary.sampleGuardians[0]!;
    for (const [a, b] of [
      [g.lastName.split(/[ '-]/)[0]!, g.firstName.slice(0, 3)],
      ['ma', 'e'],
      ['mar', '6'],
      [g.firstName.toLowerCase(), (g.phone ?? '+33600').slice(0, 6)],
    ] as const) {
      const both = await ids(`${a} ${b}`);
      const first = await ids(a);
      const second = await ids(b);
      expect([...both].sort(), `${a} ${b}`).toEqual([...first].filter((id) => second.has(id)).sort());
      expect(both.size).toBeGreaterThan(0);
    }
  });
});
