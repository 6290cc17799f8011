import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MyChildrenResponse } from '../../shared/service-api/parent';
import { LettersResponse } from '../../shared/service-api/school';
import { get, lastMail, linkIn, post, type Backend } from '../../service/test/harness';
import { configureSync } from '../../electron/core/sync/engine';
import { backends, guardianId, importSheet, ok, SHEET, startApp, startService, studentId, type AppUnderTest, type ServiceUnderTest } from './sync-helpers';

const PASSWORD = 'une phrase de passe solide';

describe.each(backends as Backend[])('sync with the account service on %s', (backend) => {
  let svc: ServiceUnderTest;
  beforeAll(async () => {
    svc = await startService(backend);
  }, 180_000);
  afterAll(async () => svc?.close());

  async function configured(): Promise<AppUnderTest> {
    const app = await startApp();
    await ok(app.core.dispatch('sync.settings.set', { serviceUrl: svc.url, token: svc.token }));
    return app;
  }

  const q = <T>(sql: string, params: unknown[] = []) => svc.world.db.query<T & Record<string, unknown>>(sql, params);

  it('pushes a fresh import (students, guardians, links), then has nothing left to send', async () => {
    const app = await configured();
    try {
      await importSheet(app.core);
      const pendingBefore = (await ok(app.core.dispatch('sync.status', {}))).pending;
      expect(pendingBefore).toBe(6); // one marker for the run, counted as its 3 students and 3 guardians

      // Two presses at once: the second runs after the first and finds nothing left to send.
      const [first, second] = await Promise.all([ok(app.core.dispatch('sync.run', {})), ok(app.core.dispatch('sync.run', {}))]);
      // 6 records, then the 5 links their student payloads carry: 11 sends, the 6 records « en attente ».
      expect(first).toMatchObject({ pushed: 11, sent: 6, applied: 11, duplicates: 0, conflicts: 0, rejected: 0, pending: 0, error: null, online: true });
      expect(second).toMatchObject({ pushed: 0, sent: 0, pending: 0, error: null });
      const links = await q<{ n: number }>('SELECT count(*)::int AS n FROM guardianship WHERE school_id = $1 AND NOT deleted', [svc.schoolId]);
      expect(links[0]!.n).toBe(5);
      const leo = await q<{ first_name: string; birth_date: string; version: number }>(
        'SELECT first_name, birth_date::text AS birth_date, version FROM student WHERE school_id = $1 AND id = $2',
        [svc.schoolId, studentId(app.core, 'Léo')],
      );
      expect(leo[0]).toMatchObject({ first_name: 'Léo', birth_date: '2014-05-03', version: 1 });

      const again = await ok(app.core.dispatch('sync.run', {}));
      expect(again).toMatchObject({ pushed: 0, applied: 0, pending: 0 });
      const status = await ok(app.core.dispatch('sync.status', {}));
      expect(status).toMatchObject({ configured: true, pending: 0, conflicts: 0, online: true, lastError: null });
      expect(status.lastSyncAt).not.toBeNull();
    } finally {
      await app.close();
    }
  });

  it('folds two edits of a record into one change, and sends the links a re-import adds after their guardian', async () => {
    const app = await configured();
    try {
      await importSheet(app.core);
      await ok(app.core.dispatch('sync.run', {}));
      const gid = guardianId(app.core, 'Claire');
      for (const email of ['claire.1@example.org', 'claire.2@example.org']) {
        const form = await ok(app.core.dispatch('guardians.editForm', { id: gid }));
        await ok(app.core.dispatch('guardians.update', { id: gid, baseVersion: form.version, changes: { email } }));
      }
      // Zoé now has a second legal guardian, new to both sides.
      await importSheet(app.core, SHEET.replace('MARTIN;Zoé;30/09/2013;5B;MARTIN;Claire;06 98 76 54 32;claire.martin@example.fr;;;;', 'MARTIN;Zoé;30/09/2013;5B;MARTIN;Claire;06 98 76 54 32;claire.2@example.org;MARTIN;Paul;06 55 44 33 22;'));
      const r = await ok(app.core.dispatch('sync.run', {}));
      expect(r).toMatchObject({ conflicts: 0, rejected: 0, pending: 0, error: null });
      const claire = await q<{ email: string; version: number }>('SELECT email, version FROM guardian WHERE school_id = $1 AND id = $2', [svc.schoolId, gid]);
      expect(claire[0]).toEqual({ email: 'claire.2@example.org', version: 2 });
      const paul = guardianId(app.core, 'Paul');
      const zoeLinks = await q<{ guardian_id: string; legal_rank: number }>(
        'SELECT guardian_id, legal_rank FROM guardianship WHERE school_id = $1 AND student_id = $2 AND NOT deleted ORDER BY legal_rank',
        [svc.schoolId, studentId(app.core, 'Zoé')],
      );
      expect(zoeLinks).toEqual([
        { guardian_id: gid, legal_rank: 1 },
        { guardian_id: paul, legal_rank: 2 },
      ]);
      // This app's three students (the service is shared by the tests of this file): 5 links before, 6 now.
      const mine = ['Léo', 'Inès', 'Zoé'].map((first) => studentId(app.core, first));
      const links = await q<{ n: number }>('SELECT count(*)::int AS n FROM guardianship WHERE school_id = $1 AND student_id = ANY($2::text[]) AND NOT deleted', [
        svc.schoolId,
        mine,
      ]);
      expect(links[0]!.n).toBe(6);
      expect(await ok(app.core.dispatch('sync.run', {}))).toMatchObject({ pushed: 0, pending: 0 });
    } finally {
      await app.close();
    }
  });

  it('sends an edit on the version the service holds, and keeps the token out of the register and every output', async () => {
    const app = await configured();
    try {
      await importSheet(app.core);
      await ok(app.core.dispatch('sync.run', {}));
      const gid = guardianId(app.core, 'Claire');
      const form = await ok(app.core.dispatch('guardians.editForm', { id: gid }));
      await ok(app.core.dispatch('guardians.update', { id: gid, baseVersion: form.version, changes: { email: 'claire.m@example.org' } }));
      const r = await ok(app.core.dispatch('sync.run', {}));
      expect(r).toMatchObject({ pushed: 1, applied: 1, conflicts: 0 });
      const row = await q<{ email: string; version: number }>('SELECT email, version FROM guardian WHERE school_id = $1 AND id = $2', [svc.schoolId, gid]);
      expect(row[0]).toEqual({ email: 'claire.m@example.org', version: 2 });

      const settings = await ok(app.core.dispatch('sync.settings.get', {}));
      expect(settings).toEqual({ serviceUrl: svc.url, tokenSet: true });
      expect(JSON.stringify(settings)).not.toContain(svc.token);
      await app.core.db.checkpoint();
      expect(readFileSync(app.dbPath).includes(Buffer.from(svc.token))).toBe(false);
      const secrets = `${app.dbPath}.secrets.json`;
      expect(statSync(secrets).mode & 0o777).toBe(0o600);
      expect(readFileSync(secrets, 'utf8')).toContain(svc.token);
    } finally {
      await app.close();
    }
  });

  /** Issues a letter from the school side and activates the account from the parent side. */
  async function activateByLetter(guardian: string, email: string): Promise<{ login: string; session: string }> {
    const letters = LettersResponse.parse((await post(svc.world, '/school/v1/letters', { guardianIds: [guardian] }, svc.token)).json());
    const letter = letters.letters[0]!;
    if (letter.status !== 'issued') throw new Error(`letter refused: ${letter.reason}`);
    const start = await post(svc.world, '/parent/v1/activation/letter', { login: letter.login, temporaryPassword: letter.temporaryPassword });
    expect(start.statusCode, start.body).toBe(200);
    const done = await post(svc.world, '/parent/v1/activation/complete', { newPassword: PASSWORD, email }, start.json().sessionToken);
    expect(done.statusCode, done.body).toBe(200);
    const login = await post(svc.world, '/parent/v1/login', { login: letter.login, password: PASSWORD });
    return { login: letter.login, session: login.json().sessionToken as string };
  }

  const children = async (session: string) =>
    MyChildrenResponse.parse((await get(svc.world, '/parent/v1/me/children', session)).json()).children.map((c) => c.firstName).sort();

  it('a not-my-child report filed by a parent reaches the desk, is resolved there, and the parent\'s child list changes', async () => {
    const app = await configured();
    try {
      await importSheet(app.core);
      await ok(app.core.dispatch('sync.run', {}));
      const sophie = guardianId(app.core, 'Sophie');
      const parent = await activateByLetter(sophie, 'sophie.durand@example.fr');
      // She validates her email with the link she received.
      const validation = linkIn(lastMail(svc.world, 'sophie.durand@example.fr')!.text);
      expect((await get(svc.world, validation.replace(/^https?:\/\/[^/]+/, ''))).statusCode).toBe(200);
      // Small feed pages: the cursor moves page by page.
      configureSync(app.core.ctx, { pageSize: 2 });
      expect(await children(parent.session)).toEqual(['Inès', 'Léo']);

      // The parent says Inès is not hers.
      const ines = (await get(svc.world, '/parent/v1/me/children', parent.session)).json().children.find((c: { firstName: string }) => c.firstName === 'Inès');
      const filed = await post(svc.world, `/parent/v1/me/children/${ines.id}/not-mine`, { comment: 'Je ne connais pas cette enfant' }, parent.session);
      expect(filed.statusCode, filed.body).toBe(200);

      const pulled = await ok(app.core.dispatch('sync.run', {}));
      expect(pulled.pulled).toBe(4); // notified, activated, email validated, report filed
      const account = app.core.db.get<{ state: string; login: string; activation_path: string; email_validated: number }>(
        'SELECT state, login, activation_path, email_validated FROM account WHERE guardian_id = ?', [sophie],
      );
      expect(account).toEqual({ state: 'activated', login: parent.login, activation_path: 'letter', email_validated: 1 });
      expect(await ok(app.core.dispatch('sync.account', { guardianId: sophie }))).toMatchObject({ state: 'activated', activationPath: 'letter', emailValidated: true });
      const audit = app.core.db.all<{ field: string; source: string }>("SELECT field, source FROM audit WHERE entity = 'account' AND entity_id = ? AND field = 'state'", [sophie]);
      expect(audit.length).toBeGreaterThanOrEqual(2);
      expect(audit.every((a) => a.source === 'sync')).toBe(true);

      const desk = await ok(app.core.dispatch('reports.list', { state: 'open' }));
      expect(desk.rows).toHaveLength(1);
      const report = desk.rows[0]!;
      expect(report).toMatchObject({ source: 'service', comment: 'Je ne connais pas cette enfant', linkExists: true, guardian: { id: sophie }, student: { id: studentId(app.core, 'Inès') } });
      // A second pull brings nothing new and files nothing twice.
      expect((await ok(app.core.dispatch('sync.run', {}))).pulled).toBe(0);
      expect((await ok(app.core.dispatch('reports.list', { state: 'all' }))).rows).toHaveLength(1);

      await ok(app.core.dispatch('reports.resolve', { id: report.id, resolution: 'unlink', note: 'Erreur de saisie' }));
      const pushed = await ok(app.core.dispatch('sync.run', {}));
      expect(pushed).toMatchObject({ conflicts: 0, rejected: 0, pending: 0, error: null });

      const remote = await q<{ state: string; resolution: string }>('SELECT state, resolution FROM report WHERE school_id = $1', [svc.schoolId]);
      expect(remote).toEqual([{ state: 'resolved', resolution: 'unlinked' }]);
      const link = await q<{ deleted: boolean }>('SELECT deleted FROM guardianship WHERE school_id = $1 AND student_id = $2 AND guardian_id = $3', [
        svc.schoolId, studentId(app.core, 'Inès'), sophie,
      ]);
      expect(link).toEqual([{ deleted: true }]);
      expect(await children(parent.session)).toEqual(['Léo']);
    } finally {
      await app.close();
    }
  });

  it('shows a conflict with both values and sends the value staff keep', async () => {
    const app = await configured();
    try {
      await importSheet(app.core);
      await ok(app.core.dispatch('sync.run', {}));
      const gid = guardianId(app.core, 'Claire');
      // Someone else (another copy of Sésame with the same token) changes the record on the service.
      const other = await post(svc.world, '/school/v1/changes', {
        changes: [{ key: `other-${gid}`, entity: 'guardian', id: gid, op: 'upsert', baseVersion: 1, data: { lastName: 'MARTIN', firstName: 'Claire', phone: '+33698765432', email: 'claire@autre.fr' } }],
      }, svc.token);
      expect(other.json().results[0].status).toBe('applied');

      const form = await ok(app.core.dispatch('guardians.editForm', { id: gid }));
      await ok(app.core.dispatch('guardians.update', { id: gid, baseVersion: form.version, changes: { email: 'claire@ici.fr' } }));
      const r = await ok(app.core.dispatch('sync.run', {}));
      expect(r).toMatchObject({ pushed: 1, conflicts: 1, applied: 0 });
      const status = await ok(app.core.dispatch('sync.status', {}));
      expect(status).toMatchObject({ conflicts: 1, pending: 0 });

      // A later edit of the same record waits for the choice.
      const form2 = await ok(app.core.dispatch('guardians.editForm', { id: gid }));
      await ok(app.core.dispatch('guardians.update', { id: gid, baseVersion: form2.version, changes: { address: { city: 'Toulouse' } } }));
      expect((await ok(app.core.dispatch('sync.run', {}))).pushed).toBe(0);

      const { conflicts } = await ok(app.core.dispatch('sync.conflicts.list', {}));
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]!.fields).toEqual(expect.arrayContaining([
        { field: 'email', label: 'Courriel', local: 'claire@ici.fr', server: 'claire@autre.fr' },
      ]));
      await ok(app.core.dispatch('sync.conflicts.resolve', { id: conflicts[0]!.id, keep: 'local' }));
      const after = await ok(app.core.dispatch('sync.run', {}));
      expect(after).toMatchObject({ pushed: 1, applied: 1, conflicts: 0, pending: 0 });
      const row = await q<{ email: string; version: number; data: { city: string } }>('SELECT email, version, data FROM guardian WHERE school_id = $1 AND id = $2', [svc.schoolId, gid]);
      expect(row[0]).toMatchObject({ email: 'claire@ici.fr', version: 3, data: { city: 'Toulouse' } });
      expect((await ok(app.core.dispatch('sync.status', {}))).conflicts).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('keeps the service\'s value when staff choose it, audited as sync', async () => {
    const app = await configured();
    try {
      await importSheet(app.core);
      await ok(app.core.dispatch('sync.run', {}));
      const sid = studentId(app.core, 'Zoé');
      await post(svc.world, '/school/v1/changes', {
        changes: [{ key: `other-${sid}`, entity: 'student', id: sid, op: 'upsert', baseVersion: 1, data: { lastName: 'MARTIN', firstName: 'Zoé', birthDate: '2013-09-30', division: '4C' } }],
      }, svc.token);
      const form = await ok(app.core.dispatch('students.editForm', { id: sid }));
      await ok(app.core.dispatch('students.update', { id: sid, baseVersion: form.version, changes: { division: '5A' } }));
      expect((await ok(app.core.dispatch('sync.run', {}))).conflicts).toBe(1);
      const { conflicts } = await ok(app.core.dispatch('sync.conflicts.list', {}));
      expect(conflicts[0]!.fields).toEqual([{ field: 'division', label: 'Classe', local: '5A', server: '4C' }]);
      await ok(app.core.dispatch('sync.conflicts.resolve', { id: conflicts[0]!.id, keep: 'server' }));
      expect(app.core.db.get<{ division: string }>('SELECT division FROM student WHERE id = ?', [sid])!.division).toBe('4C');
      const audit = app.core.db.get<{ source: string; old_value: string; new_value: string }>(
        "SELECT source, old_value, new_value FROM audit WHERE entity = 'student' AND entity_id = ? AND field = 'division' ORDER BY rowid DESC LIMIT 1", [sid],
      );
      expect(audit).toEqual({ source: 'sync', old_value: '5A', new_value: '4C' });
      const after = await ok(app.core.dispatch('sync.run', {}));
      expect(after).toMatchObject({ conflicts: 0, rejected: 0, pending: 0 });
      const row = await q<{ division: string }>('SELECT division FROM student WHERE school_id = $1 AND id = $2', [svc.schoolId, sid]);
      expect(row[0]!.division).toBe('4C');
    } finally {
      await app.close();
    }
  });
});
