import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedResponse, LettersResponse, PushResponse } from '../../shared/service-api/school';
import { backends, family, get, key, post, push, school, startWorld, type World } from './harness';

describe.each(backends)('school API on %s', (backend) => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(backend);
  }, 180_000);
  afterAll(async () => w?.close());

  const guardian = (id: string, over: Record<string, unknown> = {}) => ({
    key: key(),
    entity: 'guardian',
    id,
    op: 'upsert',
    baseVersion: 0,
    data: { lastName: 'Martin', firstName: 'Claire', phone: '+33612345678', email: 'claire@example.fr', ...over },
  });

  it('applies a change, answers a retry with the same key as a duplicate, and applies nothing twice', async () => {
    const s = await school(w);
    const change = guardian('g1');
    const first = await push(w, s.token, [change]);
    expect(first.status).toBe(200);
    expect(PushResponse.parse(first.body).results).toEqual([{ key: change.key, status: 'applied', version: 1 }]);
    const again = await push(w, s.token, [change]);
    expect(again.body.results).toEqual([{ key: change.key, status: 'duplicate', version: 1, original: { key: change.key, status: 'applied', version: 1 } }]);
    const rows = await w.db.query<{ version: number }>('SELECT version FROM guardian WHERE school_id = $1', [s.id]);
    expect(rows).toEqual([{ version: 1 }]);
  });

  it('applies a change once when two pushes with the same key race', async () => {
    const s = await school(w);
    const change = guardian('race');
    const [a, b] = await Promise.all([push(w, s.token, [change]), push(w, s.token, [change])]);
    const statuses = [a.body.results[0]!.status, b.body.results[0]!.status].sort();
    expect(statuses).toEqual(['applied', 'duplicate']);
    const others = await Promise.all([1, 2, 3].map(() => push(w, s.token, [{ ...guardian('race2'), key: key() }])));
    // Three new records with the same id and different keys: one creates it, the others conflict on base 0.
    expect(others.map((o) => o.body.results[0]!.status).sort()).toEqual(['applied', 'conflict', 'conflict']);
    expect(await w.db.query('SELECT version FROM guardian WHERE school_id = $1 ORDER BY id', [s.id])).toEqual([{ version: 1 }, { version: 1 }]);
  });

  it('answers a stale baseVersion with a conflict carrying the current value, then applies on the right base', async () => {
    const s = await school(w);
    await push(w, s.token, [guardian('g1')]);
    const update = { ...guardian('g1', { phone: '+33699999999' }), baseVersion: 1 };
    expect((await push(w, s.token, [update])).body.results[0]).toMatchObject({ status: 'applied', version: 2 });
    const stale = { ...guardian('g1', { firstName: 'Claude' }), baseVersion: 1 };
    const r = await push(w, s.token, [stale]);
    expect(r.body.results[0]).toMatchObject({
      status: 'conflict',
      current: { version: 2, deleted: false, data: { lastName: 'Martin', firstName: 'Claire', phone: '+33699999999' } },
    });
    const fresh = { ...guardian('g1', { firstName: 'Claude' }), baseVersion: 2 };
    expect((await push(w, s.token, [fresh])).body.results[0]).toMatchObject({ status: 'applied', version: 3 });
    const del = { key: key(), entity: 'guardian', id: 'g1', op: 'delete', baseVersion: 3 };
    expect((await push(w, s.token, [del])).body.results[0]).toMatchObject({ status: 'applied', version: 4 });
  });

  it('rejects an invalid record or a link to an unknown student, per change, and applies the rest of the batch', async () => {
    const s = await school(w);
    const bad = guardian('g2', { phone: '06 12 34 56 78' });
    const orphan = { key: key(), entity: 'guardianship', id: 'l1', op: 'upsert', baseVersion: 0, data: { studentId: 'nobody', guardianId: 'g3' } };
    const good = guardian('g3');
    const r = await push(w, s.token, [bad, orphan, good]);
    expect(r.body.results.map((x) => x.status)).toEqual(['rejected', 'rejected', 'applied']);
    expect(r.body.results[0]!.reason).toMatch(/phone/);
    expect(r.body.results[1]!.reason).toMatch(/Élève « nobody » inconnu/);
    // A key reused for another change is refused, not silently treated as the first.
    const reused = { ...guardian('g9'), key: good.key };
    expect((await push(w, s.token, [reused])).body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/déjà utilisée/) });
  });

  it('applies a batch in order: records made earlier in the batch count for later changes of it', async () => {
    const s = await school(w);
    const student = { key: key(), entity: 'student', id: 's1', op: 'upsert', baseVersion: 0, data: { lastName: 'Martin', firstName: 'Léa', birthDate: '2014-05-03' } };
    const link = { key: key(), entity: 'guardianship', id: 's1:g1', op: 'upsert', baseVersion: 0, data: { studentId: 's1', guardianId: 'g1', legalRank: 1 } };
    const g1 = guardian('g1');
    const g1again = { ...guardian('g1', { phone: '+33699999999' }), baseVersion: 1 };
    const g1stale = { ...guardian('g1', { firstName: 'Claude' }), baseVersion: 1 };
    const gone = { key: key(), entity: 'guardian', id: 'g2', op: 'delete', baseVersion: 0 };
    const r = await push(w, s.token, [student, g1, link, g1again, g1stale, g1, gone]);
    expect(r.body.results).toEqual([
      { key: student.key, status: 'applied', version: 1 },
      { key: g1.key, status: 'applied', version: 1 },
      { key: link.key, status: 'applied', version: 1 },
      { key: g1again.key, status: 'applied', version: 2 },
      {
        key: g1stale.key,
        status: 'conflict',
        current: { version: 2, deleted: false, data: expect.objectContaining({ firstName: 'Claire', phone: '+33699999999' }) },
      },
      // The same key twice in one request: the second is a retry.
      { key: g1.key, status: 'duplicate', version: 1, original: { key: g1.key, status: 'applied', version: 1 } },
      { key: gone.key, status: 'applied', version: 0 },
    ]);
    const rows = await w.db.query<{ id: string; version: number; phone: string; deleted: boolean }>(
      'SELECT id, version, phone, deleted FROM guardian WHERE school_id = $1 ORDER BY id',
      [s.id],
    );
    expect(rows).toEqual([{ id: 'g1', version: 2, phone: '+33699999999', deleted: false }]);
    expect(await w.db.query('SELECT student_id, guardian_id, version FROM guardianship WHERE school_id = $1', [s.id])).toEqual([
      { student_id: 's1', guardian_id: 'g1', version: 1 },
    ]);
    // A deletion and a re-creation of a link in a later batch, on the versions the service gave.
    const del = { key: key(), entity: 'guardianship', id: 's1:g1', op: 'delete', baseVersion: 1 };
    const back = { ...link, key: key(), baseVersion: 2 };
    expect((await push(w, s.token, [del, back])).body.results.map((x) => [x.status, x.version])).toEqual([
      ['applied', 2],
      ['applied', 3],
    ]);
    expect(Number((await w.db.query<{ n: number }>('SELECT count(*)::int AS n FROM change_log WHERE school_id = $1', [s.id]))[0]!.n)).toBe(8);
  });

  it('rejects alone a change whose values the database refuses, applies the rest, and answers its retry as a duplicate', async () => {
    const s = await school(w);
    const before = guardian('g1');
    const poisoned = guardian('g2', { lastName: 'Mar\u0000tin' });
    const after = guardian('g3');
    const r = await push(w, s.token, [before, poisoned, after]);
    expect(r.status).toBe(200);
    expect(r.body.results.map((x) => x.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(r.body.results[1]!.reason).toMatch(/refusées/);
    expect((await w.db.query<{ id: string }>('SELECT id FROM guardian WHERE school_id = $1 ORDER BY id', [s.id])).map((x) => x.id)).toEqual(['g1', 'g3']);
    const again = await push(w, s.token, [before, poisoned, after]);
    expect(again.body.results.map((x) => x.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(again.body.results[1]).toMatchObject({ original: { status: 'rejected' } });
    expect((await w.db.query('SELECT version FROM guardian WHERE school_id = $1', [s.id])).length).toBe(2);
  });

  it('refuses malformed, oversized and non-JSON requests with a clear 4xx and writes nothing', async () => {
    const s = await school(w);
    const count = async () => Number((await w.db.query<{ n: number }>('SELECT count(*)::int AS n FROM change_log WHERE school_id = $1', [s.id]))[0]!.n);
    const cases = [
      { payload: '{"changes": [', type: 'application/json', status: 400, code: 'invalid_json' },
      { payload: JSON.stringify({ changes: [{ entity: 'guardian' }] }), type: 'application/json', status: 400, code: 'invalid_input' },
      { payload: JSON.stringify({ changes: [] }), type: 'application/json', status: 400, code: 'invalid_input' },
      { payload: 'changes=1', type: 'application/x-www-form-urlencoded', status: 415, code: 'unsupported_media_type' },
      { payload: JSON.stringify({ changes: Array.from({ length: 1001 }, () => guardian('x')) }), type: 'application/json', status: 400, code: 'invalid_input' },
      { payload: JSON.stringify({ changes: [guardian('big', { lastName: 'x'.repeat(5 * 1024 * 1024) })] }), type: 'application/json', status: 413, code: 'too_large' },
    ];
    for (const c of cases) {
      const res = await w.app.inject({ method: 'POST', url: '/school/v1/changes', headers: { ...s.auth, 'content-type': c.type }, payload: c.payload });
      expect(res.statusCode, c.code).toBe(c.status);
      const body = res.json() as { error: { code: string; message: string } };
      expect(body.error.code).toBe(c.code);
      expect(body.error.message).toMatch(/[a-zé]/);
    }
    const invalid = await post(w, '/school/v1/changes', { changes: [{ entity: 'guardian' }] }, s.token);
    expect(invalid.json().error.message).toMatch(/champ « changes\.0\.key »/);
    expect(await count()).toBe(0);
    expect((await w.db.query('SELECT 1 FROM guardian WHERE school_id = $1', [s.id])).length).toBe(0);
  });

  it('issues letters (a new issue voids the previous), reports them in the feed, and their expiry after 3 months', async () => {
    const s = await school(w);
    await family(w, s.token, {
      guardian: { id: 'g1', lastName: 'Dupont', firstName: 'Pierre', phone: '+33611111111' },
      children: [{ id: 's1', lastName: 'Dupont', firstName: 'Léa', birthDate: '2014-05-03' }],
    });
    await push(w, s.token, [guardian('lonely')]);
    const res = await post(w, '/school/v1/letters', { guardianIds: ['g1', 'unknown', 'lonely'] }, s.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { letters } = LettersResponse.parse(res.json());
    expect(letters[0]).toMatchObject({ guardianId: 'g1', status: 'issued', login: expect.stringMatching(/^p\.dupont\d{2}$/), expiresAt: '2026-12-01T08:00:00.000Z' });
    expect(letters[1]).toMatchObject({ guardianId: 'unknown', status: 'refused', code: 'unknown_guardian' });
    expect(letters[2]).toMatchObject({ guardianId: 'lonely', status: 'refused', code: 'no_children' });
    const first = letters[0] as { login: string; temporaryPassword: string };
    // The temporary password is nowhere in the database.
    const dump = JSON.stringify(await w.db.query('SELECT * FROM credential'));
    expect(dump).not.toContain(first.temporaryPassword);

    const second = LettersResponse.parse((await post(w, '/school/v1/letters', { guardianIds: ['g1'] }, s.token)).json()).letters[0] as typeof first;
    expect(second.login).toBe(first.login);
    const old = await post(w, '/parent/v1/activation/letter', { login: first.login, temporaryPassword: first.temporaryPassword });
    expect(old.statusCode).toBe(410);

    const feed = FeedResponse.parse((await get(w, '/school/v1/feed', s.token)).json());
    expect(feed.events.map((e) => e.kind)).toEqual(['account.notified', 'account.notified']);
    expect(feed.events[0]).toMatchObject({ guardianId: 'g1', login: first.login, letterExpiresAt: '2026-12-01T08:00:00.000Z' });

    const accounts = (await get(w, '/school/v1/accounts?guardianIds=g1,lonely', s.token)).json();
    expect(accounts.accounts).toEqual([
      { guardianId: 'g1', account: expect.objectContaining({ login: first.login, state: 'notified', letterExpiresAt: '2026-12-01T08:00:00.000Z' }) },
      { guardianId: 'lonely', account: null },
    ]);

    w.clock.advance(92 * 24 * 3600_000);
    const later = FeedResponse.parse((await get(w, `/school/v1/feed?after=${feed.next}`, s.token)).json());
    expect(later.events).toEqual([
      expect.objectContaining({ kind: 'letter.expired', guardianId: 'g1', login: first.login, expiredAt: '2026-12-01T08:00:00.000Z' }),
    ]);
    const none = FeedResponse.parse((await get(w, `/school/v1/feed?after=${later.next}`, s.token)).json());
    expect(none).toEqual({ events: [], next: later.next });
    w.clock.set('2026-09-01T08:00:00.000Z');
  });

  it('takes a letters request of 1,000 guardian ids and refuses the unknown ones without work', async () => {
    const s = await school(w);
    await family(w, s.token, { guardian: { id: 'known', lastName: 'Vidal', firstName: 'Eva' }, children: [{ id: 'sk', lastName: 'Vidal', firstName: 'Max', birthDate: null }] });
    const ids = ['known', ...Array.from({ length: 999 }, (_, i) => `unknown-guardian-${i}`)];
    const res = await post(w, '/school/v1/letters', { guardianIds: ids }, s.token);
    expect(res.statusCode, res.body).toBe(200);
    const { letters } = LettersResponse.parse(res.json());
    expect(letters.filter((l) => l.status === 'issued').map((l) => l.guardianId)).toEqual(['known']);
    expect(letters.filter((l) => l.status === 'refused')).toHaveLength(999);
    expect((await post(w, '/school/v1/letters', { guardianIds: [...ids, 'one-more'] }, s.token)).statusCode).toBe(400);
  });

  it('pages the feed with after and limit', async () => {
    const s = await school(w);
    for (const id of ['a', 'b', 'c'])
      await family(w, s.token, { guardian: { id, lastName: 'Roux', firstName: id }, children: [{ id: `s${id}`, lastName: 'Roux', firstName: 'E', birthDate: null }] });
    await post(w, '/school/v1/letters', { guardianIds: ['a', 'b', 'c'] }, s.token);
    const r1 = await get(w, '/school/v1/feed?limit=2', s.token);
    expect(r1.headers['content-type']).toMatch(/^application\/json/);
    const p1 = FeedResponse.parse(r1.json());
    expect(p1.events.map((e) => e.guardianId)).toEqual(['a', 'b']);
    // Every field as the app reads it: kind, cursor, the time as Date.toISOString wrote it.
    expect(p1.events[0]).toMatchObject({ kind: 'account.notified', cursor: expect.stringMatching(/^\d+$/), at: w.clock.now().toISOString() });
    expect(p1.next).toBe(p1.events[1]!.cursor);
    const p2 = FeedResponse.parse((await get(w, `/school/v1/feed?limit=2&after=${p1.next}`, s.token)).json());
    expect(p2.events.map((e) => e.guardianId)).toEqual(['c']);
    expect((await get(w, '/school/v1/feed?after=abc', s.token)).statusCode).toBe(400);
    expect((await get(w, '/school/v1/feed?limit=5000', s.token)).statusCode).toBe(400);
  });

  it('pages the feed in cursor order across a change of cursor length (999 → 1000)', async () => {
    const s = await school(w);
    // The sequence only moves forward: other tests sharing this database are unaffected.
    await w.db.query("SELECT setval(pg_get_serial_sequence('feed', 'seq'), GREATEST((SELECT last_value FROM feed_seq_seq), 995))");
    await w.db.query(
      `INSERT INTO feed (school_id, kind, payload, at)
       SELECT $1, 'account.notified', jsonb_build_object('guardianId', 'g' || i, 'login', 'l' || i, 'letterExpiresAt', '2027-01-01T00:00:00.000Z'), $2
         FROM generate_series(1, 12) AS i ORDER BY i`,
      [s.id, w.clock.now()],
    );
    const seen: string[] = [];
    let after = '0';
    for (let page = 0; page < 5; page++) {
      const r = FeedResponse.parse((await get(w, `/school/v1/feed?after=${after}&limit=5`, s.token)).json());
      seen.push(...r.events.map((e) => e.guardianId));
      after = r.next!;
    }
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `g${i + 1}`));
  });

  it('refuses every school endpoint without a token or with an unknown one', async () => {
    const schoolRoutes = w.app.sesameRoutes.filter((r) => r.tag === 'school');
    expect(schoolRoutes.length).toBeGreaterThanOrEqual(6);
    for (const r of schoolRoutes) {
      const url = r.url.replace(':id', 'x');
      for (const headers of [{}, { authorization: 'Bearer not-a-real-token-at-all-0000' }, { authorization: 'Basic abc' }]) {
        const res = await w.app.inject({ method: r.method, url, headers, ...(r.method === 'POST' ? { payload: {} } : {}) });
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
        expect(res.json().error.code).toBe('unauthenticated');
      }
    }
  });

  it('lets a school see and change only its own records: another school’s token reaches nothing of it', async () => {
    const a = await school(w);
    const b = await school(w);
    await family(w, a.token, {
      guardian: { id: 'g1', lastName: 'Petit', firstName: 'Anne', phone: '+33622222222' },
      children: [{ id: 's1', lastName: 'Petit', firstName: 'Tom', birthDate: '2013-02-01' }],
    });
    const letterA = LettersResponse.parse((await post(w, '/school/v1/letters', { guardianIds: ['g1'] }, a.token)).json()).letters[0]!;
    expect(letterA.status).toBe('issued');
    await w.db.query(
      "INSERT INTO report (id, school_id, guardian_id, student_id, comment, state, created_at) VALUES ('r-a', $1, 'g1', 's1', NULL, 'open', $2)",
      [a.id, w.clock.now()],
    );

    // Every school endpoint has its case below: a new endpoint must add one.
    expect(w.app.sesameRoutes.filter((r) => r.tag === 'school').map((r) => `${r.method} ${r.url}`).sort()).toEqual(
      ['GET /school/v1/accounts', 'GET /school/v1/feed', 'GET /school/v1/me', 'POST /school/v1/changes', 'POST /school/v1/letters', 'POST /school/v1/reports/:id/resolve'],
    );
    // me: B's own school
    expect((await get(w, '/school/v1/me', b.token)).json()).toMatchObject({ uai: b.uai });
    // changes: B's change with A's local id creates B's own record, A's stays untouched
    const r = await push(w, b.token, [{ ...guardian('g1', { lastName: 'Intrus' }), baseVersion: 1 }]);
    expect(r.body.results[0]).toMatchObject({ status: 'conflict', current: { version: 0, deleted: true, data: {} } });
    const aRow = await w.db.query<{ last_name: string; version: number }>('SELECT last_name, version FROM guardian WHERE school_id = $1 AND id = $2', [a.id, 'g1']);
    expect(aRow).toEqual([{ last_name: 'Petit', version: 1 }]);
    // letters: A's guardian is unknown to B
    const lb = LettersResponse.parse((await post(w, '/school/v1/letters', { guardianIds: ['g1'] }, b.token)).json()).letters[0];
    expect(lb).toMatchObject({ status: 'refused', code: 'unknown_guardian' });
    // accounts: nothing of A
    expect((await get(w, '/school/v1/accounts?guardianIds=g1', b.token)).json()).toEqual({ accounts: [{ guardianId: 'g1', account: null }] });
    // feed: nothing of A
    expect(FeedResponse.parse((await get(w, '/school/v1/feed', b.token)).json()).events).toEqual([]);
    // reports: A's report is unknown to B, and stays open
    const res = await post(w, '/school/v1/reports/r-a/resolve', { resolution: 'rejected', note: null }, b.token);
    expect(res.statusCode).toBe(404);
    expect((await w.db.query<{ state: string }>("SELECT state FROM report WHERE id = 'r-a'"))[0]!.state).toBe('open');
    // A itself can resolve it; the same answer again is a harmless retry.
    const ok = await post(w, '/school/v1/reports/r-a/resolve', { resolution: 'unlinked', note: 'lien supprimé' }, a.token);
    expect(ok.json().report).toMatchObject({ id: 'r-a', state: 'resolved', resolution: 'unlinked', note: 'lien supprimé' });
    expect((await post(w, '/school/v1/reports/r-a/resolve', { resolution: 'unlinked' }, a.token)).statusCode).toBe(200);
    expect((await post(w, '/school/v1/reports/r-a/resolve', { resolution: 'moved' }, a.token)).statusCode).toBe(409);
  });
});
