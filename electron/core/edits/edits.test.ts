import { describe, expect, it } from 'vitest';
import { failure, ok, openCorrectionsCore, seed } from './test-core';

async function core() {
  const c = await openCorrectionsCore();
  await c.db.write((tx) => {
    const s = seed(tx);
    s.guardian({ id: 'g1', civility: 'Mme', last: 'Dupont', first: 'Nathalie', phone: '+33612345678', email: 'nathalie@orange.fr', address: '12 rue Victor-Hugo' });
    s.guardian({ id: 'g2', civility: 'M.', last: 'Dupont', first: 'Jérôme', phone: '+33798765432', email: null });
    s.student({ id: 's1', last: 'Dupont', first: 'Marie' });
    s.link('s1', 'g1', 1, 'Mère');
    s.link('s1', 'g2', 2, 'Père');
  });
  return c;
}

describe('guardians.update', () => {
  it('saves a phone typed nationally with the chosen country, audits and queues it, bumps the version', async () => {
    const c = await core();
    const form = ok(await c.dispatch('guardians.editForm', { id: 'g1' }));
    expect(form.version).toBe(1);
    expect(form.phoneCountry).toBe('FR');
    const saved = ok(await c.dispatch('guardians.update', { id: 'g1', baseVersion: 1, changes: { phone: { raw: '0692 12 34 56', country: 'RE' } } }));
    expect(saved.version).toBe(2);
    const g = c.db.get<{ phone: string; version: number }>('SELECT phone, version FROM guardian WHERE id = ?', ['g1']);
    expect(g).toEqual({ phone: '+262692123456', version: 2 });
    const audit = c.db.all<{ field: string; old_value: string; new_value: string; source: string; actor: string }>(
      "SELECT field, old_value, new_value, source, actor FROM audit WHERE entity_id = 'g1'",
    );
    expect(audit).toEqual([{ field: 'phone', old_value: '+33612345678', new_value: '+262692123456', source: 'edit', actor: 'secrétariat' }]);
    const outbox = c.db.all<{ entity: string; op: string; payload: string; base_version: number }>("SELECT entity, op, payload, base_version FROM outbox");
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ entity: 'guardian', op: 'upsert', base_version: 1 });
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ id: 'g1', phone: '+262692123456', lastName: 'Dupont' });
    expect(c.events.some((e) => e.type === 'register.changed')).toBe(true);
  });

  it('refuses bad values with a French message per field and writes nothing', async () => {
    const c = await core();
    const before = c.db.get<{ n: number }>('SELECT count(*) AS n FROM audit')!.n;
    const err = failure(
      await c.dispatch('guardians.update', {
        id: 'g1',
        baseVersion: 1,
        changes: { phone: { raw: '06 12 34', country: 'FR' }, email: 'nathalie.orange.fr', firstName: 'Nath4lie', lastName: 'Durand' },
      }),
    );
    expect(err.code).toBe('invalid_input');
    expect(err.details?.field).toBe('firstName');
    const fields = err.details?.fields?.map((f) => f.field).sort();
    expect(fields).toEqual(['email', 'firstName', 'phone']);
    for (const f of err.details?.fields ?? []) expect(f.message).toMatch(/^(Prénom|Portable|Courriel)\b/);
    expect(c.db.get<{ last_name: string }>("SELECT last_name FROM guardian WHERE id = 'g1'")!.last_name).toBe('Dupont');
    expect(c.db.get<{ n: number }>('SELECT count(*) AS n FROM audit')!.n).toBe(before);
    expect(c.db.get<{ n: number }>('SELECT count(*) AS n FROM outbox')!.n).toBe(0);
  });

  it('answers conflict with the current values when the version is stale', async () => {
    const c = await core();
    ok(await c.dispatch('guardians.update', { id: 'g1', baseVersion: 1, changes: { lastName: 'Dupont-Martin' } }));
    const err = failure(await c.dispatch('guardians.update', { id: 'g1', baseVersion: 1, changes: { lastName: 'Durand' } }));
    expect(err.code).toBe('conflict');
    expect((err.details?.current as { lastName: string; version: number })).toMatchObject({ lastName: 'Dupont-Martin', version: 2 });
  });

  it('warns about a probable email typo but saves what was typed', async () => {
    const c = await core();
    const saved = ok(await c.dispatch('guardians.update', { id: 'g2', baseVersion: 1, changes: { email: ' Jerome.Dupont@Gmial.com ' } }));
    expect(saved.warnings.map((w) => w.code)).toContain('email_typo');
    expect(c.db.get<{ email: string }>("SELECT email FROM guardian WHERE id = 'g2'")!.email).toBe('jerome.dupont@gmial.com');
  });

  it('previews a phone as E.164 with its country, or says why not', async () => {
    const c = await core();
    const p = ok(await c.dispatch('guardians.previewPhone', { raw: '0690 12 34 56', country: 'FR' }));
    expect(p).toMatchObject({ ok: true, e164: '+590690123456', kind: 'mobile', region: 'GP' });
    const other = ok(await c.dispatch('guardians.previewPhone', { raw: '06 12 34 56 78', country: 'GP' }));
    expect(other.ok && other.warnings.map((w) => w.code)).toContain('other_country');
    const fixed = ok(await c.dispatch('guardians.previewPhone', { raw: '01 45 67 89 01', country: 'FR' }));
    expect(fixed.ok && fixed.warnings.map((w) => w.code)).toContain('not_mobile');
    const bad = ok(await c.dispatch('guardians.previewPhone', { raw: '06 12', country: 'FR' }));
    expect(bad).toMatchObject({ ok: false, code: 'too_short' });
    const be = ok(await c.dispatch('guardians.previewPhone', { raw: '0471 23 45 67', country: 'BE' }));
    expect(be).toMatchObject({ ok: true, e164: '+32471234567', region: 'BE' });
    const countries = ok(await c.dispatch('phone.countries', {}));
    expect(countries[0]).toMatchObject({ code: 'FR', label: 'France (+33)', frequent: true });
    expect(countries.find((x) => x.code === 'RE')?.label).toBe('La Réunion (+262)');
  });
});

describe('students.update', () => {
  it('reads a birth date as typed, warns when implausible, refuses an impossible one', async () => {
    const c = await core();
    const saved = ok(await c.dispatch('students.update', { id: 's1', baseVersion: 1, changes: { birthDate: '3 mai 2014', division: '5B' } }));
    expect(saved.version).toBe(2);
    expect(c.db.get("SELECT birth_date, division, match_key FROM student WHERE id = 's1'")).toMatchObject({ birth_date: '2014-05-03', division: '5B' });
    const old = ok(await c.dispatch('students.update', { id: 's1', baseVersion: 2, changes: { birthDate: '03/05/1980' } }));
    expect(old.warnings.map((w) => w.code)).toEqual(['implausible_age']);
    const err = failure(await c.dispatch('students.update', { id: 's1', baseVersion: 3, changes: { birthDate: '31/02/2014' } }));
    expect(err.code).toBe('invalid_input');
    expect(err.details?.field).toBe('birthDate');
    expect(err.message).toMatch(/^Date impossible/);
    const future = failure(await c.dispatch('students.update', { id: 's1', baseVersion: 3, changes: { birthDate: '01/01/2030' } }));
    expect(future.details?.fields?.[0]?.code).toBe('future');
  });
});

describe('guardianships', () => {
  it('links, re-ranks and unlinks, bumping the student version and queueing its links', async () => {
    const c = await core();
    await c.db.write((tx) => seed(tx).guardian({ id: 'g3', last: 'Martin', first: 'Odette' }));
    const linked = ok(await c.dispatch('guardianships.link', { studentId: 's1', guardianId: 'g3', relation: 'grand-mère', legalRank: 0 }));
    expect(c.db.get('SELECT relation, legal_rank FROM guardianship WHERE id = ?', [linked.linkId])).toEqual({ relation: 'Autre membre de la famille', legal_rank: 0 });
    const dup = failure(await c.dispatch('guardianships.link', { studentId: 's1', guardianId: 'g3' }));
    expect(dup.details?.field).toBe('guardianId');
    const upd = ok(await c.dispatch('guardianships.update', { linkId: linked.linkId, legalRank: 1 }));
    expect(upd.warnings.map((w) => w.code)).toContain('two_rank1');
    const badRel = failure(await c.dispatch('guardianships.update', { linkId: linked.linkId, relation: 'voisin' }));
    expect(badRel.details?.field).toBe('relation');
    ok(await c.dispatch('guardianships.unlink', { linkId: linked.linkId }));
    expect(c.db.get('SELECT id FROM guardianship WHERE id = ?', [linked.linkId])).toBeUndefined();
    const payloads = c.db.all<{ payload: string }>("SELECT payload FROM outbox WHERE entity = 'student' ORDER BY rowid");
    expect(payloads).toHaveLength(3);
    expect(JSON.parse(payloads[2]!.payload).guardians).toHaveLength(2);
    expect(c.db.get<{ version: number }>("SELECT version FROM student WHERE id = 's1'")!.version).toBe(4);
  });
});
