import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedResponse, LettersResponse } from '../../shared/service-api/school';
import { ActivationSession, CompleteResponse, SmsStartResponse } from '../../shared/service-api/parent';
import { MSG } from '../src/messages';
import { openDepartement } from '../src/admin';
import { addChild, backends, codeIn, family, get, lastMail, lastSms, linkIn, nextPhone, post, school, startWorld, type World } from './harness';

const MIN = 60_000;
const START = '2026-09-01T08:00:00.000Z';
const PASSWORD = 'une phrase de passe solide';

describe.each(backends)('parent activation on %s', (backend) => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(backend);
  }, 180_000);
  afterAll(async () => w?.close());

  /** A school in an open département with one parent and two children; the parent's phone in national form too. */
  async function setup(opts: { departement?: string; opensAt?: string | null } = {}) {
    w.clock.set(START);
    const s = await school(w, opts.departement ?? '31', opts.opensAt === undefined ? '2026-01-01' : opts.opensAt);
    const phone = nextPhone();
    await family(w, s.token, {
      guardian: { id: 'g1', lastName: 'Durand', firstName: 'Sophie', phone, email: 'sophie.durand@example.fr' },
      children: [
        { id: 's1', lastName: 'Durand', firstName: 'Léo', birthDate: '2014-05-03' },
        { id: 's2', lastName: 'Durand', firstName: 'Inès', birthDate: '2016-11-20' },
      ],
    });
    const national = `0${phone.slice(3, 4)} ${phone.slice(4, 6)} ${phone.slice(6, 8)} ${phone.slice(8, 10)} ${phone.slice(10, 12)}`;
    return { s, phone, national };
  }

  async function smsStart(phone: string) {
    const res = await post(w, '/parent/v1/activation/sms/start', { phone });
    return { res, body: res.json() };
  }

  async function smsSession(phone: string, national: string) {
    const { body } = await smsStart(national);
    const start = SmsStartResponse.parse(body);
    const code = codeIn(lastSms(w, phone)!.text);
    const res = await post(w, '/parent/v1/activation/sms/verify', { requestId: start.requestId, code });
    expect(res.statusCode, res.body).toBe(200);
    return ActivationSession.parse(res.json());
  }

  it('self-registration by SMS, end to end: code, birth dates, password and email, validation link, feed', async () => {
    const { s, phone, national } = await setup();
    const { res, body } = await smsStart(national);
    expect(res.statusCode).toBe(200);
    expect(body).toMatchObject({ message: MSG.smsSent, expiresAt: '2026-09-01T08:30:00.000Z' });
    const sms = lastSms(w, phone)!;
    expect(sms.text).toMatch(/\d{6}/);
    // The code is stored only hashed.
    expect(JSON.stringify(await w.db.query('SELECT * FROM verification'))).not.toContain(codeIn(sms.text));

    const verify = await post(w, '/parent/v1/activation/sms/verify', { requestId: body.requestId, code: codeIn(sms.text) });
    expect(verify.statusCode).toBe(200);
    const session = ActivationSession.parse(verify.json());
    expect(session.path).toBe('sms');
    expect(session.birthDatesRequired).toBe(true);
    expect(session.children.map((c) => c.firstName).sort()).toEqual(['Inès', 'Léo']);
    expect(JSON.stringify(session.children)).not.toContain('2014');

    const [leo, ines] = ['Léo', 'Inès'].map((n) => session.children.find((c) => c.firstName === n)!);
    // Completing before every birth date is confirmed is refused.
    const early = await post(w, '/parent/v1/activation/complete', { newPassword: PASSWORD, email: 'sophie@example.fr' }, session.sessionToken);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe(MSG.childrenNotConfirmed);

    const confirm = await post(
      w,
      '/parent/v1/activation/children/confirm',
      { children: [{ id: leo!.id, birthDate: '03/05/2014' }, { id: ines!.id, birthDate: '2016-11-20' }] },
      session.sessionToken,
    );
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect(confirm.json()).toEqual({ confirmed: expect.arrayContaining([leo!.id, ines!.id]), remaining: [] });

    const weak = await post(w, '/parent/v1/activation/complete', { newPassword: 'court', email: 'sophie@example.fr' }, session.sessionToken);
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toMatch(/trop court/);
    const common = await post(w, '/parent/v1/activation/complete', { newPassword: 'azertyuiop12', email: 'sophie@example.fr' }, session.sessionToken);
    expect(common.json().error.message).toMatch(/trop courant/);

    const done = await post(w, '/parent/v1/activation/complete', { newPassword: PASSWORD, email: ' Sophie@Example.FR ' }, session.sessionToken);
    expect(done.statusCode, done.body).toBe(200);
    const completed = CompleteResponse.parse(done.json());
    expect(completed.login).toMatch(/^s\.durand\d{2}$/);
    expect(completed.message).toBe(MSG.activationDone);
    // The activation session is spent.
    expect((await post(w, '/parent/v1/activation/complete', { newPassword: PASSWORD, email: 'x@example.fr' }, session.sessionToken)).statusCode).toBe(401);

    const mail = lastMail(w, 'sophie@example.fr')!;
    expect(mail.subject).toBe('Validez votre adresse de courrier électronique');
    expect(mail.text).toContain(completed.login);
    const link = linkIn(mail.text);
    expect(link).toMatch(/^https:\/\/comptes\.test\/parent\/v1\/email\/validate\?token=/);
    const validated = await get(w, link.replace('https://comptes.test', ''));
    expect(validated.statusCode).toBe(200);
    expect(validated.json()).toEqual({ message: MSG.emailValidated });
    expect((await get(w, link.replace('https://comptes.test', ''))).statusCode).toBe(400);

    const feed = FeedResponse.parse((await get(w, '/school/v1/feed', s.token)).json());
    expect(feed.events).toEqual([
      expect.objectContaining({ kind: 'account.activated', guardianId: 'g1', login: completed.login, path: 'sms' }),
      expect.objectContaining({ kind: 'email.validated', guardianId: 'g1', login: completed.login }),
    ]);

    const login = await post(w, '/parent/v1/login', { login: completed.login, password: PASSWORD });
    expect(login.statusCode).toBe(200);
    const me = await get(w, '/parent/v1/me/children', login.json().sessionToken);
    expect(me.json().children.map((c: { birthDate: string }) => c.birthDate).sort()).toEqual(['2014-05-03', '2016-11-20']);

    // Once activated, the same phone cannot self-register a second account.
    const again = await post(w, '/parent/v1/activation/sms/verify', {
      requestId: (await smsStart(phone)).body.requestId,
      code: codeIn(lastSms(w, phone)!.text),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(MSG.phoneAlreadyActivated);
  });

  it('refuses a number no school of an open département holds with the FAQ message', async () => {
    const { phone: closedPhone } = await setup({ departement: '32', opensAt: null });
    await setup();
    for (const phone of ['06 00 00 00 01', closedPhone]) {
      const { res, body } = await smsStart(phone);
      expect(res.statusCode).toBe(404);
      expect(body.error.message).toBe(
        'Le numéro de téléphone attendu est le numéro communiqué à l’établissement de votre enfant. Vérifiez la saisie de votre numéro, sinon contactez le secrétariat élèves de votre enfant.',
      );
    }
    const bad = await smsStart('12');
    expect(bad.res.statusCode).toBe(400);
    expect(bad.body.error.code).toBe('phone_invalid');
    expect(w.sms.filter((s) => s.to === closedPhone)).toEqual([]);
  });

  it('opens activation by département from its opening date (pilot départements first)', async () => {
    const { phone } = await setup({ departement: '46', opensAt: '2026-12-14' });
    expect((await smsStart(phone)).res.statusCode).toBe(404);
    w.clock.set('2026-12-14T00:00:01.000Z');
    expect((await smsStart(phone)).res.statusCode).toBe(200);
    await openDepartement(w.db, '46', new Date('2027-01-01'));
    expect((await smsStart(phone)).res.statusCode).toBe(404);
  });

  it('accepts the code 29 minutes after the request and refuses it after 31 minutes (« Réessayer »)', async () => {
    const { phone } = await setup();
    const a = (await smsStart(phone)).body;
    const codeA = codeIn(lastSms(w, phone)!.text);
    w.clock.advance(29 * MIN);
    expect((await post(w, '/parent/v1/activation/sms/verify', { requestId: a.requestId, code: codeA })).statusCode).toBe(200);

    w.clock.set(START);
    const b = (await smsStart(phone)).body;
    const codeB = codeIn(lastSms(w, phone)!.text);
    w.clock.advance(31 * MIN);
    const late = await post(w, '/parent/v1/activation/sms/verify', { requestId: b.requestId, code: codeB });
    expect(late.statusCode).toBe(400);
    expect(late.json().error).toEqual({ code: 'code_retry', message: MSG.codeRetry });
    expect(MSG.codeRetry).toContain('Réessayer');
  });

  it('uses a code once, and a wrong code kills the request: starting again is required', async () => {
    const { phone } = await setup();
    const a = (await smsStart(phone)).body;
    const code = codeIn(lastSms(w, phone)!.text);
    expect((await post(w, '/parent/v1/activation/sms/verify', { requestId: a.requestId, code })).statusCode).toBe(200);
    expect((await post(w, '/parent/v1/activation/sms/verify', { requestId: a.requestId, code })).statusCode).toBe(400);

    const b = (await smsStart(phone)).body;
    const right = codeIn(lastSms(w, phone)!.text);
    const wrong = right === '000000' ? '111111' : '000000';
    const r1 = await post(w, '/parent/v1/activation/sms/verify', { requestId: b.requestId, code: wrong });
    expect(r1.json().error.code).toBe('code_retry');
    const r2 = await post(w, '/parent/v1/activation/sms/verify', { requestId: b.requestId, code: right });
    expect(r2.statusCode).toBe(400);

    const c = (await smsStart(phone)).body;
    expect((await post(w, '/parent/v1/activation/sms/verify', { requestId: c.requestId, code: codeIn(lastSms(w, phone)!.text) })).statusCode).toBe(200);
    expect((await post(w, '/parent/v1/activation/sms/verify', { requestId: c.requestId, code: 'abc' })).statusCode).toBe(400);
  });

  it('refuses an unknown birth date with the FAQ message and ends the activation after 3 tries', async () => {
    const { phone } = await setup();
    const session = await smsSession(phone, phone);
    const leo = session.children.find((c) => c.firstName === 'Léo')!;
    for (let i = 1; i <= 3; i++) {
      const res = await post(w, '/parent/v1/activation/children/confirm', { children: [{ id: leo.id, birthDate: '04/05/2014' }] }, session.sessionToken);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toMatch(i < 3 ? /^La date de naissance de mon enfant n’est pas reconnue : contactez le secrétariat élèves/ : /Trop de dates/);
    }
    const after = await post(w, '/parent/v1/activation/children/confirm', { children: [{ id: leo.id, birthDate: '03/05/2014' }] }, session.sessionToken);
    expect(after.statusCode).toBe(401);
    const invalid = await smsSession(phone, phone);
    const bad = await post(w, '/parent/v1/activation/children/confirm', { children: [{ id: leo.id, birthDate: '31/02/2014' }] }, invalid.sessionToken);
    expect(bad.statusCode).toBe(400);
  });

  it('« ce n’est pas mon enfant » files a report to the school, and activation goes on without that child', async () => {
    const { s, phone } = await setup();
    const session = await smsSession(phone, phone);
    const leo = session.children.find((c) => c.firstName === 'Léo')!;
    const ines = session.children.find((c) => c.firstName === 'Inès')!;
    const rep = await post(w, `/parent/v1/activation/children/${ines.id}/not-mine`, { comment: 'Je ne connais pas cette enfant' }, session.sessionToken);
    expect(rep.statusCode).toBe(200);
    expect(rep.json()).toEqual({ reported: true, message: MSG.notMineFiled });
    const feed = FeedResponse.parse((await get(w, '/school/v1/feed', s.token)).json());
    const filed = feed.events.find((e) => e.kind === 'report.filed');
    expect(filed).toMatchObject({ guardianId: 'g1', studentId: 's2', comment: 'Je ne connais pas cette enfant' });
    // The reported child can no longer be confirmed, the others still must be.
    const confirmIt = await post(w, '/parent/v1/activation/children/confirm', { children: [{ id: ines.id, birthDate: '20/11/2016' }] }, session.sessionToken);
    expect(confirmIt.statusCode).toBe(404);
    const ok = await post(w, '/parent/v1/activation/children/confirm', { children: [{ id: leo.id, birthDate: '3 mai 2014' }] }, session.sessionToken);
    expect(ok.json()).toEqual({ confirmed: [leo.id], remaining: [] });
    const done = await post(w, '/parent/v1/activation/complete', { newPassword: PASSWORD, email: 'parent@example.fr' }, session.sessionToken);
    expect(done.statusCode).toBe(200);
    const me = await get(w, '/parent/v1/me/children', done.json().sessionToken);
    expect(me.json().children.map((c: { firstName: string }) => c.firstName)).toEqual(['Léo']);
    // The school resolves the report.
    const reportId = (filed as { reportId: string }).reportId;
    const resolved = await post(w, `/school/v1/reports/${reportId}/resolve`, { resolution: 'unlinked', note: 'erreur de saisie' }, s.token);
    expect(resolved.json().report).toMatchObject({ state: 'resolved', resolution: 'unlinked', studentId: 's2', guardianId: 'g1' });
  });

  it('activation with the letter: temporary password, forced new password and email, letter single use', async () => {
    const { s } = await setup();
    const letter = LettersResponse.parse((await post(w, '/school/v1/letters', { guardianIds: ['g1'] }, s.token)).json()).letters[0]!;
    if (letter.status !== 'issued') throw new Error('letter refused');
    // A letter's password does not open a session directly: activation first.
    const direct = await post(w, '/parent/v1/login', { login: letter.login, password: letter.temporaryPassword });
    expect(direct.statusCode).toBe(409);
    expect(direct.json().error.message).toBe(MSG.loginNeedsActivation);

    const wrong = await post(w, '/parent/v1/activation/letter', { login: letter.login, temporaryPassword: 'nope-nope-nope' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(MSG.letterCredentialsWrong);
    const unknown = await post(w, '/parent/v1/activation/letter', { login: 'x.nobody99', temporaryPassword: 'nope-nope-nope' });
    expect(unknown.json().error).toEqual(wrong.json().error);

    const start = await post(w, '/parent/v1/activation/letter', { login: letter.login.toUpperCase(), temporaryPassword: letter.temporaryPassword });
    expect(start.statusCode, start.body).toBe(200);
    const session = ActivationSession.parse(start.json());
    expect(session).toMatchObject({ path: 'letter', birthDatesRequired: false });
    expect(session.children).toHaveLength(2);
    const done = await post(w, '/parent/v1/activation/complete', { newPassword: PASSWORD, email: 'sophie.letter@example.fr' }, session.sessionToken);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().login).toBe(letter.login);
    expect(linkIn(lastMail(w, 'sophie.letter@example.fr')!.text)).toContain('/parent/v1/email/validate?token=');

    const reuse = await post(w, '/parent/v1/activation/letter', { login: letter.login, temporaryPassword: letter.temporaryPassword });
    expect(reuse.statusCode).toBe(410);
    const feed = FeedResponse.parse((await get(w, '/school/v1/feed', s.token)).json());
    expect(feed.events.map((e) => e.kind)).toEqual(['account.notified', 'account.activated']);
    expect(feed.events[1]).toMatchObject({ path: 'letter', login: letter.login });
    const refused = LettersResponse.parse((await post(w, '/school/v1/letters', { guardianIds: ['g1'] }, s.token)).json()).letters[0];
    expect(refused).toMatchObject({ status: 'refused', code: 'already_activated' });
    expect(LettersResponse.parse((await post(w, '/school/v1/letters', { guardianIds: ['g1'], reissue: true }, s.token)).json()).letters[0]!.status).toBe('issued');
  });

  it('refuses letter activation while the département is closed', async () => {
    const { s } = await setup({ departement: '65', opensAt: '2027-01-01' });
    const letter = LettersResponse.parse((await post(w, '/school/v1/letters', { guardianIds: ['g1'] }, s.token)).json()).letters[0]!;
    if (letter.status !== 'issued') throw new Error('letter refused');
    const res = await post(w, '/parent/v1/activation/letter', { login: letter.login, temporaryPassword: letter.temporaryPassword });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe(MSG.activationClosed);
  });

  it('answers a failing SMS gateway with a clear 502, and a child pushed later shows in the session', async () => {
    const { s, phone } = await setup();
    w.smsSink.failNext();
    const failed = await smsStart(phone);
    expect(failed.res.statusCode).toBe(502);
    expect(failed.body.error.message).toBe(MSG.smsFailed);
    await addChild(w, s.token, 'g1', { id: 's3', lastName: 'Durand', firstName: 'Noé', birthDate: '2019-01-02' });
    const session = await smsSession(phone, phone);
    expect(session.children.map((c) => c.firstName)).toContain('Noé');
  });

  it('logs requests without any code, token, password, phone or email', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) });
    const logged = await startWorld(backend, { logger: true }, w.db, stream);
    try {
      const phone = nextPhone();
      const s = await school(logged);
      await family(logged, s.token, { guardian: { id: 'g1', lastName: 'Log', firstName: 'Anne', phone }, children: [{ id: 'c1', lastName: 'Log', firstName: 'B', birthDate: '2015-02-03' }] });
      const start = (await post(logged, '/parent/v1/activation/sms/start', { phone })).json();
      const code = codeIn(lastSms(logged, phone)!.text);
      const session = (await post(logged, '/parent/v1/activation/sms/verify', { requestId: start.requestId, code })).json();
      const child = session.children[0];
      await post(logged, '/parent/v1/activation/children/confirm', { children: [{ id: child.id, birthDate: '03/02/2015' }] }, session.sessionToken);
      const done = (await post(logged, '/parent/v1/activation/complete', { newPassword: PASSWORD, email: 'log@example.fr' }, session.sessionToken)).json();
      const link = linkIn(lastMail(logged, 'log@example.fr')!.text);
      await get(logged, link.replace('https://comptes.test', ''));
      await post(logged, '/parent/v1/login', { login: done.login, password: 'mauvais mot de passe' });
      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(10);
      expect(log).toContain('/parent/v1/activation/sms/verify');
      for (const secret of [code, s.token, session.sessionToken, done.sessionToken, PASSWORD, 'mauvais mot de passe', phone, 'log@example.fr', new URL(link).searchParams.get('token')!])
        expect(log).not.toContain(secret);
    } finally {
      await logged.close();
    }
  });

  it('refuses malformed parent requests with a clear 400 and unknown addresses with a 404', async () => {
    const res = await w.app.inject({ method: 'POST', url: '/parent/v1/activation/sms/start', headers: { 'content-type': 'application/json' }, payload: '{"phone":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
    const missing = await post(w, '/parent/v1/activation/sms/start', {});
    expect(missing.json().error.message).toMatch(/champ « phone »/);
    const big = await post(w, '/parent/v1/activation/sms/start', { phone: 'x'.repeat(20_000) });
    expect(big.statusCode).toBe(413);
    expect((await get(w, '/nowhere')).statusCode).toBe(404);
  });
});
