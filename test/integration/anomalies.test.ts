import { beforeEach, describe, expect, it } from 'vitest';
import type { Anomaly } from '../../shared/contract/corrections';
import { anomaliesJson, scanAnomalies } from '../../electron/core/anomalies/scan';
import { failure, ok, openCorrectionsCore, type CorrectionsCore } from '../../electron/core/edits/test-core';
import { insertAnomalyFixture } from './anomalies-fixture';

const TODAY = new Date('2024-09-02T08:00:00.000Z');

let c: CorrectionsCore;
beforeEach(async () => {
  c = await openCorrectionsCore();
  await insertAnomalyFixture(c.db);
});

const keysOf = (list: Array<Pick<Anomaly, 'key'>>) => list.map((a) => a.key).sort();

async function desk(): Promise<Anomaly[]> {
  const all = ok(await c.dispatch('anomalies.list', { limit: 1000 }));
  return all.rows;
}

/** The desk, patched after each correction, must equal a scan from scratch. */
async function expectDeskMatchesScan(): Promise<void> {
  const live = await desk();
  const fresh = scanAnomalies(c.db, { today: TODAY });
  expect(keysOf(live)).toEqual(keysOf(fresh));
  const summary = ok(await c.dispatch('anomalies.summary', {}));
  expect(summary.total).toBe(fresh.length);
}

const byKind = (list: Anomaly[], kind: string) => list.filter((a) => a.kind === kind);

describe('anomalies desk on a fixture register', () => {
  it('finds every kind, with the records involved and nothing for clean families or students who left', async () => {
    const list = await desk();
    const found = (kind: string) => byKind(list, kind).map((a) => ({ students: a.students, guardians: a.guardians }));
    expect(found('guardian.no_mobile')).toEqual(
      expect.arrayContaining([{ students: ['sB1'], guardians: ['gB1'] }, { students: ['sB1'], guardians: ['gB2'] }]),
    );
    expect(byKind(list, 'guardian.no_mobile')).toHaveLength(2);
    expect(byKind(list, 'guardian.no_mobile').find((a) => a.guardians[0] === 'gB2')?.message).toMatch(/n’est pas un portable/);
    expect(found('guardian.invalid_mobile')).toHaveLength(2);
    expect(found('guardian.invalid_mobile')).toEqual(expect.arrayContaining([{ students: ['sC1'], guardians: ['gC1'] }, { students: ['sC1'], guardians: ['gC2'] }]));
    expect(byKind(list, 'guardian.invalid_mobile').find((a) => a.guardians[0] === 'gC2')?.suggestion).toMatchObject({ value: '+33611223344', safe: true });
    expect(byKind(list, 'guardian.invalid_mobile').find((a) => a.guardians[0] === 'gC1')?.suggestion).toBeNull();
    // The list itself shows what was typed and why it is refused: no need to open each record.
    expect(byKind(list, 'guardian.invalid_mobile').find((a) => a.guardians[0] === 'gC1')?.message).toMatch(/^Portable refusé : « 06 12 34 »\. .+\. L’inscription autonome/);
    expect(byKind(list, 'guardian.invalid_email').find((a) => a.guardians[0] === 'gC1')?.message).toMatch(/^Courriel refusé : « pas@ »\. .+\. La récupération/);
    expect(found('guardian.no_email')).toEqual([{ students: ['sB1'], guardians: ['gB1'] }]);
    expect(byKind(list, 'guardian.invalid_email').map((a) => [a.guardians[0], a.suggestion?.value ?? null]).sort()).toEqual([
      ['gC1', null],
      ['gC2', 'hugo.roux@free.fr'],
    ]);
    expect(byKind(list, 'guardian.email_typo')).toMatchObject([{ guardians: ['gD1'], suggestion: { value: 'jean.garnier@gmail.com', safe: false } }]);
    expect(found('guardian.shared_contact')).toEqual([{ students: ['sE1', 'sF1'], guardians: ['gE1', 'gF1'] }]);
    expect(found('guardian.look_alike')).toEqual([{ students: ['sG1', 'sG2'], guardians: ['gG1', 'gG2'] }]);
    expect(byKind(list, 'guardian.look_alike')[0]?.message).toMatch(/même famille/);
    // Bernard / BERNARD is one look-alike, not also a variant: one problem, one entry.
    expect(found('guardian.name_variants')).toEqual([{ students: ['sH1', 'sH2'], guardians: ['gH1', 'gH2'] }]);
    // Desk order: by name (Morel Lou, then Morel Tom).
    expect(found('student.invalid_birth_date')).toEqual([
      { students: ['sI2'], guardians: ['gI1'] },
      { students: ['sI1'], guardians: ['gI1'] },
    ]);
    expect(found('student.implausible_birth_date')).toEqual([{ students: ['sI3'], guardians: ['gI1'] }]);
    expect(found('student.no_legal_guardian')).toEqual([{ students: ['sJ1'], guardians: ['gJ1'] }]);
    expect(found('student.two_rank1')).toEqual([{ students: ['sK1'], guardians: ['gK1', 'gK2'] }]);
    const ids = new Set(list.flatMap((a) => [...a.students, ...a.guardians]));
    for (const clean of ['gA1', 'gA2', 'sA1', 'gL1', 'sL1']) expect(ids.has(clean)).toBe(false);

    const summary = ok(await c.dispatch('anomalies.summary', {}));
    expect(summary.kinds).toHaveLength(12);
    expect(Object.fromEntries(summary.kinds.map((k) => [k.kind, k.count]))).toEqual({
      'student.no_legal_guardian': 1,
      'student.two_rank1': 1,
      'student.invalid_birth_date': 2,
      'student.implausible_birth_date': 1,
      'guardian.shared_contact': 1,
      'guardian.invalid_mobile': 2,
      'guardian.no_mobile': 2,
      'guardian.invalid_email': 2,
      'guardian.no_email': 1,
      'guardian.email_typo': 1,
      'guardian.look_alike': 1,
      'guardian.name_variants': 1,
    });
    await expectDeskMatchesScan();
  });

  it('lists one kind with labels and the fix to open', async () => {
    const page = ok(await c.dispatch('anomalies.list', { kind: 'guardian.look_alike' }));
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({
      fix: { action: 'mergeGuardians', id: 'gG1', otherId: 'gG2' },
      dismissible: true,
      subjects: expect.arrayContaining([{ entity: 'guardian', id: 'gG1', label: 'Mme Bernard Sophie' }, { entity: 'student', id: 'sG2', label: 'Bernard Rose (4B)' }]),
    });
    const birth = ok(await c.dispatch('anomalies.list', { kind: 'student.invalid_birth_date' }));
    expect(birth.rows[0]?.fix).toMatchObject({ action: 'editStudent', id: 'sI2', field: 'birthDate' });
  });

  it('clears each kind with the matching fix, the patched desk always equal to a fresh scan', async () => {
    await desk();
    const count = async (kind: string) => byKind(await desk(), kind).length;

    ok(await c.dispatch('guardians.update', { id: 'gB1', baseVersion: 1, changes: { phone: { raw: '06 98 76 54 32', country: 'FR' }, email: 'anne.petit@laposte.net' } }));
    ok(await c.dispatch('guardians.update', { id: 'gB2', baseVersion: 1, changes: { phone: { raw: '07 81 22 33 44', country: 'FR' } } }));
    expect(await count('guardian.no_mobile')).toBe(0);
    expect(await count('guardian.no_email')).toBe(0);
    await expectDeskMatchesScan();

    const phones = ok(await c.dispatch('anomalies.applySuggestion', { kind: 'guardian.invalid_mobile' }));
    expect(phones.applied).toBe(1);
    expect(c.db.get("SELECT phone, phone_raw FROM guardian WHERE id = 'gC2'")).toEqual({ phone: '+33611223344', phone_raw: null });
    const emails = ok(await c.dispatch('anomalies.applySuggestion', { kind: 'guardian.invalid_email' }));
    expect(emails.applied).toBe(1);
    expect(byKind(await desk(), 'guardian.invalid_mobile').map((a) => a.guardians[0])).toEqual(['gC1']);
    await expectDeskMatchesScan();

    const refused = failure(await c.dispatch('anomalies.applySuggestion', { kind: 'guardian.email_typo' }));
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toMatch(/une par une|adresse par adresse/);
    const typo = byKind(await desk(), 'guardian.email_typo')[0]!;
    ok(await c.dispatch('anomalies.applySuggestion', { kind: 'guardian.email_typo', keys: [typo.key] }));
    expect(c.db.get<{ email: string }>("SELECT email FROM guardian WHERE id = 'gD1'")!.email).toBe('jean.garnier@gmail.com');
    expect(await count('guardian.email_typo')).toBe(0);

    ok(await c.dispatch('guardians.update', { id: 'gF1', baseVersion: 1, changes: { phone: { raw: '0655443322', country: null } } }));
    expect(await count('guardian.shared_contact')).toBe(0);
    await expectDeskMatchesScan();

    // Harmonising the spelling turns the variant into a look-alike; merging clears both.
    ok(await c.dispatch('guardians.update', { id: 'gH2', baseVersion: 1, changes: { firstName: 'Hélène' } }));
    expect(byKind(await desk(), 'guardian.name_variants').map((a) => a.guardians)).toEqual([]);
    expect(byKind(await desk(), 'guardian.look_alike').map((a) => a.guardians)).toEqual([['gG1', 'gG2'], ['gH1', 'gH2']]);
    await expectDeskMatchesScan();
    ok(await c.dispatch('guardians.merge', { keepId: 'gH1', mergeId: 'gH2' }));
    ok(await c.dispatch('guardians.merge', { keepId: 'gG1', mergeId: 'gG2', fieldChoices: {} }));
    expect(await count('guardian.look_alike')).toBe(0);
    expect(await count('guardian.name_variants')).toBe(0);
    await expectDeskMatchesScan();

    ok(await c.dispatch('students.update', { id: 'sI1', baseVersion: 1, changes: { birthDate: '28/02/2014' } }));
    ok(await c.dispatch('students.update', { id: 'sI2', baseVersion: 1, changes: { birthDate: '2015-06-07' } }));
    ok(await c.dispatch('students.update', { id: 'sI3', baseVersion: 1, changes: { birthDate: '01/01/2013' } }));
    expect(await count('student.invalid_birth_date')).toBe(0);
    expect(await count('student.implausible_birth_date')).toBe(0);

    ok(await c.dispatch('guardianships.update', { linkId: 'l-sJ1-gJ1', legalRank: 1 }));
    expect(await count('student.no_legal_guardian')).toBe(0);
    ok(await c.dispatch('guardianships.update', { linkId: 'l-sK1-gK2', legalRank: 2 }));
    expect(await count('student.two_rank1')).toBe(0);
    await expectDeskMatchesScan();

    // What is left: gC1's unreadable phone and email, which only a person can fix.
    expect(keysOf(await desk())).toEqual(['guardian.invalid_email:gC1', 'guardian.invalid_mobile:gC1']);
  });

  it('unlinking a child, or a student leaving, updates the desk around them', async () => {
    await desk();
    ok(await c.dispatch('guardianships.unlink', { linkId: 'l-sE1-gE1' }));
    let list = await desk();
    expect(byKind(list, 'guardian.shared_contact')).toHaveLength(0);
    expect(byKind(list, 'student.no_legal_guardian').map((a) => a.students[0])).toEqual(['sE1', 'sJ1']);
    await expectDeskMatchesScan();
    ok(await c.dispatch('students.update', { id: 'sB1', baseVersion: 1, changes: { status: 'left' } }));
    list = await desk();
    expect(list.some((a) => a.guardians.includes('gB1') || a.guardians.includes('gB2'))).toBe(false);
    await expectDeskMatchesScan();
  });

  it('dismisses what a person declares fine, refuses to dismiss what blocks an activation', async () => {
    const [lookAlike] = byKind(await desk(), 'guardian.look_alike');
    ok(await c.dispatch('anomalies.dismiss', { key: lookAlike!.key, note: 'Deux personnes différentes' }));
    expect(byKind(await desk(), 'guardian.look_alike')).toHaveLength(0);
    expect(ok(await c.dispatch('anomalies.summary', {})).dismissed).toBe(1);
    expect(scanAnomalies(c.db, { today: TODAY }).some((a) => a.key === lookAlike!.key)).toBe(false);
    const err = failure(await c.dispatch('anomalies.dismiss', { key: 'student.no_legal_guardian:sJ1' }));
    expect(err.code).toBe('invalid_input');
    // Listed with who declared it and why, so it can be put back on the desk.
    const dismissed = ok(await c.dispatch('anomalies.dismissed', {}));
    expect(dismissed.total).toBe(1);
    expect(dismissed.rows[0]).toMatchObject({ entry: { key: lookAlike!.key, kind: 'guardian.look_alike' }, note: 'Deux personnes différentes', actor: expect.any(String) });
    expect(dismissed.rows[0]!.entry.subjects.length).toBeGreaterThan(0);
    ok(await c.dispatch('anomalies.restore', { key: lookAlike!.key }));
    expect(byKind(await desk(), 'guardian.look_alike')).toHaveLength(1);
    expect(ok(await c.dispatch('anomalies.dismissed', {})).total).toBe(0);
  });

  it('notices changes made behind its back (an import) by rescanning', async () => {
    await desk();
    await c.db.write((tx) => tx.run("UPDATE guardian SET email = 'anne@free.fr' WHERE id = 'gB1'"));
    expect(byKind(await desk(), 'guardian.no_email')).toHaveLength(0);
  });

  it('prints the CLI JSON with stable kinds', () => {
    const json = JSON.parse(anomaliesJson(scanAnomalies(c.db, { today: TODAY }))) as { anomalies: Array<Record<string, unknown>> };
    expect(json.anomalies.length).toBe(16);
    expect(Object.keys(json.anomalies[0]!).sort()).toEqual(['guardians', 'kind', 'message', 'students']);
    expect(json.anomalies.map((a) => a.kind)).toContain('student.two_rank1');
  });
});
