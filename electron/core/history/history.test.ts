import { describe, expect, it } from 'vitest';
import { failure, ok, openCorrectionsCore, seed } from '../edits/test-core';

async function core() {
  const c = await openCorrectionsCore();
  await c.db.write((tx) => {
    const s = seed(tx);
    s.guardian({ id: 'g1', civility: 'Mme', last: 'Dupont', first: 'Nathalie', phone: null, phoneRaw: '06 12 34', email: 'n@orange.fr' });
    s.guardian({ id: 'g2', last: 'Martin', first: 'Odette' });
    s.student({ id: 's1', last: 'Dupont', first: 'Marie' });
    s.link('s1', 'g1', 1, 'Mère');
  });
  return c;
}

describe('history', () => {
  it('lists a record’s changes, its links included, newest first, with who, when, source', async () => {
    const c = await core();
    ok(await c.dispatch('guardians.update', { id: 'g1', baseVersion: 1, changes: { phone: { raw: '06 12 34 56 78', country: 'FR' } } }));
    c.clock.advance(60_000);
    const { linkId } = ok(await c.dispatch('guardianships.link', { studentId: 's1', guardianId: 'g2', relation: 'Grand-mère' }));
    c.clock.advance(60_000);
    ok(await c.dispatch('guardianships.unlink', { linkId }));
    const g1 = ok(await c.dispatch('history.list', { entity: 'guardian', id: 'g1' }));
    expect(g1.rows.map((r) => [r.field, r.old, r.new, r.source, r.actor])).toEqual([
      ['phone', null, '+33612345678', 'edit', 'secrétariat'],
      ['phone_raw', '06 12 34', null, 'edit', 'secrétariat'],
    ]);
    expect(g1.rows[0]?.fieldLabel).toBe('Portable');
    const g2 = ok(await c.dispatch('history.list', { entity: 'guardian', id: 'g2' }));
    expect(g2.rows.map((r) => [r.entity, r.field, r.about, r.revertible])).toEqual([
      ['guardianship', '*', 'Dupont Marie (6A)', true],
      ['guardianship', '*', 'Dupont Marie (6A)', false],
    ]);
    const s1 = ok(await c.dispatch('history.list', { entity: 'student', id: 's1' }));
    expect(s1.total).toBe(2);
    expect(s1.rows[0]?.about).toBe('Martin Odette');
  });

  it('reverts a change as a new change, the raw companion included; refuses when changed since', async () => {
    const c = await core();
    ok(await c.dispatch('guardians.update', { id: 'g1', baseVersion: 1, changes: { phone: { raw: '06 12 34 56 78', country: 'FR' } } }));
    const [phoneRow] = ok(await c.dispatch('history.list', { entity: 'guardian', id: 'g1' })).rows;
    const reverted = ok(await c.dispatch('history.revert', { auditId: phoneRow!.id }));
    expect(reverted.entries.map((e) => [e.field, e.old, e.new])).toEqual([
      ['phone', '+33612345678', null],
      ['phone_raw', null, '06 12 34'],
    ]);
    expect(c.db.get("SELECT phone, phone_raw, version FROM guardian WHERE id = 'g1'")).toEqual({ phone: null, phone_raw: '06 12 34', version: 3 });
    const listed = ok(await c.dispatch('history.list', { entity: 'guardian', id: 'g1' }));
    expect(listed.total).toBe(4);
    // The undo says so (shown « Annulation »); the edit it undid stays an edit.
    expect(reverted.entries.every((e) => e.undo)).toBe(true);
    expect(listed.rows.filter((r) => r.undo).map((r) => r.field).sort()).toEqual(['phone', 'phone_raw']);
    expect(listed.rows.find((r) => r.id === phoneRow!.id)?.undo).toBe(false);
    // An undone change offers no second undo (it could only be refused); the undo itself can be undone.
    expect(listed.rows.find((r) => r.id === phoneRow!.id)?.revertible).toBe(false);
    expect(listed.rows.find((r) => r.undo && r.field === 'phone')?.revertible).toBe(true);
    // The first change's value is no longer there: reverting it again is refused.
    expect(failure(await c.dispatch('history.revert', { auditId: phoneRow!.id })).code).toBe('conflict');
  });

  it('reverts link changes: a removed link comes back, a rank goes back', async () => {
    const c = await core();
    ok(await c.dispatch('guardianships.update', { linkId: 'l-s1-g1', legalRank: 2 }));
    ok(await c.dispatch('guardianships.unlink', { linkId: 'l-s1-g1' }));
    const rows = ok(await c.dispatch('history.list', { entity: 'student', id: 's1' })).rows;
    const unlink = rows.find((r) => r.field === '*')!;
    ok(await c.dispatch('history.revert', { auditId: unlink.id }));
    expect(c.db.get("SELECT relation, legal_rank FROM guardianship WHERE id = 'l-s1-g1'")).toEqual({ relation: 'Mère', legal_rank: 2 });
    const rank = rows.find((r) => r.field === 'legal_rank')!;
    ok(await c.dispatch('history.revert', { auditId: rank.id }));
    expect(c.db.get("SELECT legal_rank FROM guardianship WHERE id = 'l-s1-g1'")).toEqual({ legal_rank: 1 });
  });

  it('a link created then changed (moved by a merge) cannot be removed by undoing its creation', async () => {
    const c = await core();
    await c.db.write((tx) => {
      const s = seed(tx);
      s.guardian({ id: 'gA', civility: 'Mme', last: 'MARTIN', first: 'Sophie' });
      s.guardian({ id: 'gB', civility: 'Mme', last: 'MARTIN', first: 'Sophie' });
      s.student({ id: 'sPaul', last: 'MARTIN', first: 'Paul' });
    });
    const { linkId } = ok(await c.dispatch('guardianships.link', { studentId: 'sPaul', guardianId: 'gA', relation: 'Mère', legalRank: 1 }));
    ok(await c.dispatch('guardians.merge', { keepId: 'gB', mergeId: 'gA' }));
    const created = ok(await c.dispatch('history.list', { entity: 'student', id: 'sPaul' })).rows.find((r) => r.field === '*' && r.entityId === linkId)!;
    expect(created.revertible).toBe(false);
    expect(failure(await c.dispatch('history.revert', { auditId: created.id })).code).toBe('conflict');
    // Paul keeps his legal guardian.
    expect(c.db.get('SELECT guardian_id FROM guardianship WHERE student_id = ?', ['sPaul'])).toEqual({ guardian_id: 'gB' });
    // The merged-away record's page leads to the one kept.
    const gone = failure(await c.dispatch('guardians.get', { id: 'gA' }));
    expect([gone.code, gone.details]).toEqual(['not_found', { mergedInto: 'gB' }]);
    expect(gone.message).toMatch(/^Cette fiche a été fusionnée le \d\d\/\d\d\/\d{4} dans celle de Mme MARTIN Sophie\.$/);
  });

  it('shows values as a secretary reads them: national phone, French date, link as relation and rank', async () => {
    const c = await core();
    ok(await c.dispatch('guardians.update', { id: 'g1', baseVersion: 1, changes: { phone: { raw: '07 50 75 29 17', country: 'FR' } } }));
    ok(await c.dispatch('students.update', { id: 's1', baseVersion: 1, changes: { birthDate: '3 mai 2014', status: 'left' } }));
    const { linkId } = ok(await c.dispatch('guardianships.link', { studentId: 's1', guardianId: 'g2', relation: 'Grand-mère' }));
    ok(await c.dispatch('guardianships.update', { linkId: 'l-s1-g1', legalRank: 2 }));
    ok(await c.dispatch('guardianships.unlink', { linkId: 'l-s1-g1' }));

    const g1 = ok(await c.dispatch('history.list', { entity: 'guardian', id: 'g1' })).rows;
    const phone = g1.find((r) => r.field === 'phone')!;
    expect([phone.old, phone.new, phone.oldDisplay, phone.newDisplay]).toEqual([null, '+33750752917', null, '07 50 75 29 17']);
    const unlink = g1.find((r) => r.field === '*' && r.new === null)!;
    expect([unlink.about, unlink.oldDisplay, unlink.newDisplay]).toEqual(['Dupont Marie (6A)', 'Mère, responsable légal 2', 'retiré']);
    const rank = g1.find((r) => r.field === 'legal_rank')!;
    expect([rank.oldDisplay, rank.newDisplay]).toEqual(['Responsable légal 1', 'Responsable légal 2']);

    const s1 = ok(await c.dispatch('history.list', { entity: 'student', id: 's1' })).rows;
    const birth = s1.find((r) => r.field === 'birth_date')!;
    expect([birth.old, birth.new, birth.oldDisplay, birth.newDisplay]).toEqual(['2013-05-03', '2014-05-03', '03/05/2013', '03/05/2014']);
    expect(s1.filter((r) => r.field === 'status').map((r) => [r.oldDisplay, r.newDisplay])).toEqual([['Inscrit', 'Sorti']]);
    const link = s1.find((r) => r.entityId === linkId)!;
    expect([link.about, link.oldDisplay, link.newDisplay]).toEqual(['Martin Odette', null, 'Autre membre de la famille, autre responsable']);
    // The raw JSON stays for revert; nothing shown is JSON.
    expect(link.new).toContain('"guardianId":"g2"');
    for (const r of [...g1, ...s1]) for (const v of [r.oldDisplay, r.newDisplay]) expect(v ?? '').not.toMatch(/[{}]|^\+\d+$/);
  });

  it('names guardians of merges, splits and moved links, a merged-away one included; never a raw id', async () => {
    const c = await openCorrectionsCore();
    await c.db.write((tx) => {
      const s = seed(tx);
      s.guardian({ id: 'gKeep', civility: 'Mme', last: 'BERNARD', first: 'Sophie' });
      s.guardian({ id: 'gDup', civility: 'Mme', last: 'BERNARD', first: 'Sofie' });
      s.student({ id: 's1', last: 'Bernard', first: 'Louis' });
      s.link('s1', 'gDup', 1, 'Mère');
    });
    const { mergeId } = ok(await c.dispatch('guardians.merge', { keepId: 'gKeep', mergeId: 'gDup' }));

    const keep = ok(await c.dispatch('history.list', { entity: 'guardian', id: 'gKeep' })).rows;
    const merge = keep.find((r) => r.field === 'merge')!;
    expect([merge.fieldLabel, merge.oldDisplay, merge.newDisplay]).toEqual(['Fusion de fiches', null, 'fiche de Mme BERNARD Sofie réunie à celle-ci']);
    const student = ok(await c.dispatch('history.list', { entity: 'student', id: 's1' })).rows;
    const moved = student.find((r) => r.field === 'guardian_id')!;
    expect([moved.fieldLabel, moved.old, moved.oldDisplay, moved.newDisplay]).toEqual(['Responsable rattaché', 'gDup', 'Mme BERNARD Sofie (fiche fusionnée)', 'Mme BERNARD Sophie']);

    ok(await c.dispatch('guardians.split', { mergeId }));
    const split = ok(await c.dispatch('history.list', { entity: 'guardian', id: 'gKeep' })).rows.find((r) => r.field === 'split')!;
    expect([split.oldDisplay, split.newDisplay]).toEqual(['fiche de Mme BERNARD Sofie réunie à celle-ci', 'fiche de Mme BERNARD Sofie séparée à nouveau']);

    // An id found neither in the register nor among merged records.
    await c.db.write((tx) =>
      tx.run(
        "INSERT INTO audit (id, at, actor, source, entity, entity_id, field, old_value, new_value, run_id) VALUES ('a-x', '2024-09-03T08:00:00.000Z', 'x', 'edit', 'guardianship', 'l-s1-gDup', 'guardian_id', 'gGone', 'gDup', 'r-x')",
      ),
    );
    const gone = ok(await c.dispatch('history.list', { entity: 'student', id: 's1' })).rows.find((r) => r.id === 'a-x')!;
    expect([gone.oldDisplay, gone.newDisplay]).toEqual(['fiche supprimée', 'Mme BERNARD Sofie']);
  });

  it('carries the staff member chosen for the session in every change', async () => {
    const c = await core();
    const staff = ok(await c.dispatch('staff.add', { name: '  Mme   Durand ' }));
    expect(staff.name).toBe('Mme Durand');
    expect(failure(await c.dispatch('staff.add', { name: 'mme durand' })).details?.field).toBe('name');
    expect(failure(await c.dispatch('staff.add', { name: '   ' })).details?.field).toBe('name');
    ok(await c.dispatch('staff.add', { name: 'M. Leroy' }));
    expect(ok(await c.dispatch('staff.list', {})).map((s) => s.name)).toEqual(['M. Leroy', 'Mme Durand']);
    expect(ok(await c.dispatch('session.setActor', { staffId: staff.id })).actor?.name).toBe('Mme Durand');
    expect(ok(await c.dispatch('session.get', {})).actor?.id).toBe(staff.id);
    ok(await c.dispatch('students.update', { id: 's1', baseVersion: 1, changes: { firstName: 'Marie-Anne' } }));
    expect(c.db.get<{ actor: string }>("SELECT actor FROM audit WHERE entity_id = 's1'")!.actor).toBe('Mme Durand');
    ok(await c.dispatch('staff.setActive', { id: staff.id, active: false }));
    expect(ok(await c.dispatch('session.get', {})).actor).toBeNull();
    expect(failure(await c.dispatch('session.setActor', { staffId: staff.id })).code).toBe('invalid_input');
  });
});
