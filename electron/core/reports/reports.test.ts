import { describe, expect, it } from 'vitest';
import { failure, ok, openCorrectionsCore, seed } from '../edits/test-core';

async function core() {
  const c = await openCorrectionsCore();
  await c.db.write((tx) => {
    const s = seed(tx);
    s.guardian({ id: 'gWrong', civility: 'Mme', last: 'Diallo', first: 'Aminata' });
    s.guardian({ id: 'gRight', civility: 'Mme', last: 'Diallo', first: 'Aminata', address: '4 rue Haute' });
    s.guardian({ id: 'gDad', civility: 'M.', last: 'Diallo', first: 'Moussa' });
    s.student({ id: 'sKid', last: 'Diallo', first: 'Fatou' });
    s.student({ id: 'sOwn', last: 'Diallo', first: 'Awa' });
    s.link('sKid', 'gWrong', 1, 'Mère');
    s.link('sKid', 'gDad', 2, 'Père');
    s.link('sOwn', 'gWrong', 1, 'Mère');
    tx.run(
      "INSERT INTO report (id, remote_id, guardian_id, student_id, comment, source, created_at) VALUES ('rOld', 'R-1', 'gWrong', 'sKid', 'Je ne connais pas cet enfant', 'service', '2024-08-28T08:00:00.000Z')",
    );
  });
  return c;
}

const counts = (c: Awaited<ReturnType<typeof core>>) => ({
  audit: c.db.get<{ n: number }>('SELECT count(*) AS n FROM audit')!.n,
  outbox: c.db.get<{ n: number }>('SELECT count(*) AS n FROM outbox')!.n,
  links: c.db.get<{ n: number }>('SELECT count(*) AS n FROM guardianship')!.n,
});

describe('"ce n’est pas mon enfant" desk', () => {
  it('records a report taken by phone and lists open reports oldest first, with their age', async () => {
    const c = await core();
    c.clock.set('2024-09-02T10:00:00.000Z');
    const phoned = ok(await c.dispatch('reports.record', { guardianId: 'gWrong', studentId: 'sOwn', comment: ' appel du 2/09 ' }));
    expect(phoned).toMatchObject({ source: 'phone', state: 'open', comment: 'appel du 2/09', recordedBy: 'secrétariat', linkExists: true, ageLabel: 'moins d’1 h' });
    const list = ok(await c.dispatch('reports.list', {}));
    expect(list.open).toBe(2);
    expect(list.rows.map((r) => [r.id, r.ageLabel])).toEqual([
      ['rOld', '5 j'],
      [phoned.id, 'moins d’1 h'],
    ]);
    expect(list.rows[0]).toMatchObject({ guardian: { id: 'gWrong', label: 'Mme Diallo Aminata' }, student: { id: 'sKid', label: 'Diallo Fatou', division: '6A' }, comment: 'Je ne connais pas cet enfant' });
    const notLinked = failure(await c.dispatch('reports.record', { guardianId: 'gRight', studentId: 'sKid' }));
    expect(notLinked.details?.field).toBe('studentId');
  });

  it('unlink: removes the link, closes the report, in one transaction with audit and outbox', async () => {
    const c = await core();
    const r = ok(await c.dispatch('reports.resolve', { id: 'rOld', resolution: 'unlink', note: null }));
    expect(r).toMatchObject({ state: 'resolved', resolution: 'unlink', linkExists: false, resolvedBy: 'secrétariat' });
    expect(c.db.get("SELECT id FROM guardianship WHERE student_id = 'sKid' AND guardian_id = 'gWrong'")).toBeUndefined();
    expect(c.db.all<{ source: string }>("SELECT DISTINCT source FROM audit").map((a) => a.source)).toEqual(['report']);
    expect(c.db.all<{ entity: string; op: string }>('SELECT entity, op FROM outbox ORDER BY entity')).toEqual([
      { entity: 'report', op: 'resolve' },
      { entity: 'student', op: 'upsert' },
    ]);
    expect(ok(await c.dispatch('reports.list', {})).open).toBe(0);
    expect(failure(await c.dispatch('reports.resolve', { id: 'rOld', resolution: 'reject', reason: 'x' })).code).toBe('conflict');
  });

  it('move: a homonym mix-up, the link goes to the right guardian with its relation and rank', async () => {
    const c = await core();
    const r = ok(await c.dispatch('reports.resolve', { id: 'rOld', resolution: 'move', toGuardianId: 'gRight' }));
    expect(r.movedToGuardianId).toBe('gRight');
    // Homonyms: the labels say which record is which, by phone.
    expect(r.movedTo).toEqual({ id: 'gRight', label: 'Mme Diallo Aminata (06 10 00 00 08)' });
    await c.db.write((tx) => tx.run("UPDATE guardian SET phone = NULL WHERE id = 'gWrong'"));
    const treated = ok(await c.dispatch('reports.list', { state: 'closed' })).rows[0]!;
    expect([treated.guardian?.label, treated.movedTo?.label]).toEqual(['Mme Diallo Aminata (sans portable)', 'Mme Diallo Aminata (06 10 00 00 08)']);
    // Merged since: one record, said as such.
    ok(await c.dispatch('guardians.merge', { keepId: 'gRight', mergeId: 'gWrong' }));
    const merged = ok(await c.dispatch('reports.list', { state: 'closed' })).rows[0]!;
    expect(merged.movedTo?.label).toBe('Mme Diallo Aminata (les deux fiches ont été fusionnées depuis)');
    expect(c.db.all('SELECT guardian_id, relation, legal_rank FROM guardianship WHERE student_id = ? ORDER BY guardian_id', ['sKid'])).toEqual([
      { guardian_id: 'gDad', relation: 'Père', legal_rank: 2 },
      { guardian_id: 'gRight', relation: 'Mère', legal_rank: 1 },
    ]);
    const bad = failure(await c.dispatch('reports.resolve', { id: 'rOld', resolution: 'move', toGuardianId: 'nobody' }));
    expect(bad.code).toBe('conflict');
  });

  it('correct: fixes an identity; bad values refused per field, nothing saved half-way', async () => {
    const c = await core();
    const before = counts(c);
    const bad = failure(
      await c.dispatch('reports.resolve', { id: 'rOld', resolution: 'correct', student: { birthDate: '2014-05-03', firstName: '4wa' } }),
    );
    expect(bad.code).toBe('invalid_input');
    expect(bad.details?.fields?.map((f) => f.field)).toEqual(['student.firstName']);
    expect(counts(c)).toEqual(before);
    expect(ok(await c.dispatch('reports.list', {})).open).toBe(1);
    const r = ok(await c.dispatch('reports.resolve', { id: 'rOld', resolution: 'correct', student: { birthDate: '03/05/2014' }, note: 'date corrigée' }));
    expect(r).toMatchObject({ state: 'resolved', resolution: 'correct', resolutionNote: 'date corrigée' });
    expect(c.db.get("SELECT birth_date FROM student WHERE id = 'sKid'")).toEqual({ birth_date: '2014-05-03' });
    expect(failure(await c.dispatch('reports.resolve', { id: 'rOld', resolution: 'correct' })).code).toBe('conflict');
  });

  it('reject: needs a reason for the parent, queued for the account service', async () => {
    const c = await core();
    const noReason = failure(await c.dispatch('reports.resolve', { id: 'rOld', resolution: 'reject', reason: '  ' }));
    expect(noReason.details?.field).toBe('reason');
    const r = ok(await c.dispatch('reports.resolve', { id: 'rOld', resolution: 'reject', reason: 'Fatou est bien votre fille (acte de naissance vérifié).' }));
    expect(r).toMatchObject({ state: 'rejected', resolutionNote: 'Fatou est bien votre fille (acte de naissance vérifié).' });
    expect(JSON.parse(c.db.get<{ payload: string }>("SELECT payload FROM outbox WHERE entity = 'report'")!.payload)).toEqual({
      id: 'rOld', remoteId: 'R-1', resolution: 'reject', reason: 'Fatou est bien votre fille (acte de naissance vérifié).',
    });
    expect(c.db.get("SELECT id FROM guardianship WHERE student_id = 'sKid' AND guardian_id = 'gWrong'")).toBeDefined();
    const closed = ok(await c.dispatch('reports.list', { state: 'closed' }));
    expect(closed.rows.map((x) => x.id)).toEqual(['rOld']);
  });
});
