import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedResponse, LettersResponse } from '../../shared/service-api/school';
import { ActivationSession } from '../../shared/service-api/parent';
import { MSG } from '../src/messages';
import { backends, codeIn, family, get, lastMail, lastSms, linkIn, nextPhone, post, school, startWorld, type World } from './harness';

const PASSWORD = 'une phrase de passe solide';
const NEW_PASSWORD = 'encore une autre phrase longue';

describe.each(backends)('parent recovery, login and grouping on %s', (backend) => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(backend, { maxLoginFailures: 3 });
  }, 180_000);
  afterAll(async () => w?.close());

  let n = 0;
  /** A parent activated by letter (email not yet validated unless asked). */
  async function activated(opts: { validate?: boolean; lastName?: string; firstName?: string; s?: Awaited<ReturnType<typeof school>> } = {}) {
    w.clock.set('2026-09-01T08:00:00.000Z');
    const s = opts.s ?? (await school(w));
    const phone = nextPhone();
    const email = `parent${++n}@example.fr`;
    const gid = `g${n}`;
    await family(w, s.token, {
      guardian: { id: gid, lastName: opts.lastName ?? 'Bernard', firstName: opts.firstName ?? 'Julie', phone, email },
      children: [{ id: `s${n}`, lastName: 'Bernard', firstName: `Enfant${n}`, birthDate: '2015-01-01' }],
    });
    const letter = LettersResponse.parse((await post(w, '/school/v1/letters', { guardianIds: [gid] }, s.token)).json()).letters[0]!;
    if (letter.status !== 'issued') throw new Error('letter');
    const session = ActivationSession.parse((await post(w, '/parent/v1/activation/letter', { login: letter.login, temporaryPassword: letter.temporaryPassword })).json());
    const done = await post(w, '/parent/v1/activation/complete', { newPassword: PASSWORD, email }, session.sessionToken);
    expect(done.statusCode, done.body).toBe(200);
    if (opts.validate) await get(w, linkIn(lastMail(w, email)!.text).replace('https://comptes.test', ''));
    return { s, phone, email, gid, login: letter.login as string, sessionToken: done.json().sessionToken as string };
  }

  it('sends the identifier by email or SMS to the contact on file, and answers the same when unknown', async () => {
    const p = await activated();
    const byEmail = await post(w, '/parent/v1/recovery/identifier', { email: p.email.toUpperCase() });
    expect(byEmail.json()).toEqual({ message: MSG.identifierSent });
    expect(lastMail(w, p.email)!.text).toContain(p.login);
    const bySms = await post(w, '/parent/v1/recovery/identifier', { phone: p.phone });
    expect(bySms.json()).toEqual({ message: MSG.identifierSent });
    expect(lastSms(w, p.phone)!.text).toContain(p.login);
    const mails = w.mails.length;
    const unknown = await post(w, '/parent/v1/recovery/identifier', { email: 'personne@example.fr' });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json()).toEqual(byEmail.json());
    expect(w.mails.length).toBe(mails);
    expect((await post(w, '/parent/v1/recovery/identifier', { email: 'pas-une-adresse' })).statusCode).toBe(400);
    expect((await post(w, '/parent/v1/recovery/identifier', { email: 'a@b.fr', phone: '0612345678' })).statusCode).toBe(400);
  });

  it('refuses a password reset for a never-used account, and by email until the address is validated', async () => {
    const s = await school(w);
    await family(w, s.token, { guardian: { id: 'gx', lastName: 'Morel', firstName: 'Luc', email: 'luc@example.fr' }, children: [{ id: 'sx', lastName: 'Morel', firstName: 'A', birthDate: null }] });
    const letter = (await post(w, '/school/v1/letters', { guardianIds: ['gx'] }, s.token)).json().letters[0];
    const never = await post(w, '/parent/v1/recovery/password/start', { login: letter.login, channel: 'email' });
    expect(never.statusCode).toBe(409);
    expect(never.json().error.message).toBe(MSG.resetNeverUsed);

    const p = await activated();
    const mailsBefore = w.mails.length;
    const notValidated = await post(w, '/parent/v1/recovery/password/start', { login: p.login, channel: 'email' });
    expect(notValidated.statusCode).toBe(409);
    expect(notValidated.json().error.message).toBe(MSG.resetEmailNotValidated);
    // FAQ: "Un message de validation vous est adressé sur votre messagerie".
    expect(w.mails.length).toBe(mailsBefore + 1);
    expect(lastMail(w, p.email)!.subject).toBe('Validez votre adresse de courrier électronique');

    const unknown = await post(w, '/parent/v1/recovery/password/start', { login: 'z.inconnu00', channel: 'email' });
    expect(unknown.json()).toEqual({ message: MSG.resetEmailSent });
  });

  it('resets a password by email link (single use), then only the new password works', async () => {
    const p = await activated({ validate: true });
    const start = await post(w, '/parent/v1/recovery/password/start', { login: p.login, channel: 'email' });
    expect(start.json()).toEqual({ message: MSG.resetEmailSent });
    const mail = lastMail(w, p.email)!;
    expect(mail.subject).toBe('Réinitialisation de votre mot de passe');
    const token = new URL(linkIn(mail.text)).searchParams.get('token')!;
    const weak = await post(w, '/parent/v1/recovery/password/complete', { token, newPassword: 'court' });
    expect(weak.statusCode).toBe(400);
    const done = await post(w, '/parent/v1/recovery/password/complete', { token, newPassword: NEW_PASSWORD });
    expect(done.json()).toEqual({ message: MSG.passwordChanged });
    expect((await post(w, '/parent/v1/recovery/password/complete', { token, newPassword: NEW_PASSWORD + '!' })).json().error.message).toBe(MSG.linkInvalid);
    expect((await post(w, '/parent/v1/login', { login: p.login, password: PASSWORD })).statusCode).toBe(401);
    expect((await post(w, '/parent/v1/login', { login: p.login, password: NEW_PASSWORD })).statusCode).toBe(200);
    // The session opened before the reset is closed.
    expect((await get(w, '/parent/v1/me/children', p.sessionToken)).statusCode).toBe(401);
  });

  it('resets a password by SMS code to the phone on file; a wrong code means starting again', async () => {
    const p = await activated();
    const start = await post(w, '/parent/v1/recovery/password/start', { login: p.login, channel: 'sms' });
    expect(start.json()).toMatchObject({ message: MSG.resetSmsSent, requestId: expect.any(String) });
    const code = codeIn(lastSms(w, p.phone)!.text);
    const wrong = code === '000000' ? '111111' : '000000';
    const bad = await post(w, '/parent/v1/recovery/password/complete', { requestId: start.json().requestId, code: wrong, newPassword: NEW_PASSWORD });
    expect(bad.json().error.message).toBe(MSG.codeRetry);
    expect((await post(w, '/parent/v1/recovery/password/complete', { requestId: start.json().requestId, code, newPassword: NEW_PASSWORD })).statusCode).toBe(400);

    const again = await post(w, '/parent/v1/recovery/password/start', { login: p.login, channel: 'sms' });
    const code2 = codeIn(lastSms(w, p.phone)!.text);
    w.clock.advance(29 * 60_000);
    const ok = await post(w, '/parent/v1/recovery/password/complete', { requestId: again.json().requestId, code: code2, newPassword: NEW_PASSWORD });
    expect(ok.json()).toEqual({ message: MSG.passwordChanged });
    expect((await post(w, '/parent/v1/login', { login: p.login, password: NEW_PASSWORD })).statusCode).toBe(200);
  });

  it('locks an account after repeated wrong passwords and tells its school', async () => {
    const p = await activated();
    for (let i = 0; i < 2; i++) expect((await post(w, '/parent/v1/login', { login: p.login, password: 'mauvais mot de passe' })).statusCode).toBe(401);
    const third = await post(w, '/parent/v1/login', { login: p.login, password: 'mauvais mot de passe' });
    expect(third.statusCode).toBe(423);
    expect(third.json().error.message).toBe(MSG.accountLocked);
    // Even the right password waits for the lock to end.
    expect((await post(w, '/parent/v1/login', { login: p.login, password: PASSWORD })).statusCode).toBe(423);
    const feed = FeedResponse.parse((await get(w, '/school/v1/feed', p.s.token)).json());
    expect(feed.events.at(-1)).toMatchObject({ kind: 'account.blocked', guardianId: p.gid, until: '2026-09-01T08:15:00.000Z' });
    w.clock.advance(16 * 60_000);
    expect((await post(w, '/parent/v1/login', { login: p.login, password: PASSWORD })).statusCode).toBe(200);
  });

  it('groups another account’s children only when nom and prénom are identical', async () => {
    const main = await activated({ lastName: 'Lefèvre', firstName: 'Marie' });
    const otherSchool = await school(w, '12');
    const other = await activated({ lastName: 'LEFEVRE', firstName: 'marie', s: otherSchool });
    const stranger = await activated({ lastName: 'Lefèvre', firstName: 'Marc' });

    const refused = await post(w, '/parent/v1/me/group', { login: stranger.login, password: PASSWORD }, main.sessionToken);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe(
      'Il est impératif que le nom et prénom des comptes à regrouper soient identiques. Sollicitez l’établissement de votre enfant pour les rectifications de données si nécessaire.',
    );
    const wrongPassword = await post(w, '/parent/v1/me/group', { login: other.login, password: 'pas le bon mot de passe' }, main.sessionToken);
    expect(wrongPassword.statusCode).toBe(401);
    const self = await post(w, '/parent/v1/me/group', { login: main.login, password: PASSWORD }, main.sessionToken);
    expect(self.statusCode).toBe(400);

    const ok = await post(w, '/parent/v1/me/group', { login: other.login, password: PASSWORD }, main.sessionToken);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().message).toBe(MSG.groupDone);
    expect(ok.json().added).toHaveLength(1);
    const children = (await get(w, '/parent/v1/me/children', main.sessionToken)).json().children;
    expect(children.map((c: { school: { uai: string } }) => c.school.uai).sort()).toEqual([main.s.uai, otherSchool.uai].sort());
    const feed = FeedResponse.parse((await get(w, '/school/v1/feed', otherSchool.token)).json());
    expect(feed.events.at(-1)).toMatchObject({ kind: 'account.merged', guardianId: other.gid, login: other.login, into: main.login });
    const merged = await post(w, '/parent/v1/login', { login: other.login, password: PASSWORD });
    expect(merged.statusCode).toBe(401);
    const lookup = (await get(w, `/school/v1/accounts?guardianIds=${other.gid}`, otherSchool.token)).json();
    expect(lookup.accounts[0].account).toMatchObject({ login: main.login, state: 'activated' });

    // A letter's credentials are enough to group an account never activated (FAQ).
    const s3 = await school(w);
    await family(w, s3.token, { guardian: { id: 'gl', lastName: 'Lefevre', firstName: 'Marie' }, children: [{ id: 'sl', lastName: 'Lefevre', firstName: 'Zoé', birthDate: null }] });
    const letter = (await post(w, '/school/v1/letters', { guardianIds: ['gl'] }, s3.token)).json().letters[0];
    const byLetter = await post(w, '/parent/v1/me/group', { login: letter.login, password: letter.temporaryPassword }, main.sessionToken);
    expect(byLetter.statusCode, byLetter.body).toBe(200);
    expect((await get(w, '/parent/v1/me/children', main.sessionToken)).json().children).toHaveLength(3);
  });

  it('limits requests per source when configured low', async () => {
    const limited = await startWorld(backend, { rateLimits: { perIp: { max: 3, windowMs: 60_000 } } }, w.db);
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await post(limited, '/parent/v1/recovery/identifier', { email: 'x@example.fr' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      limited.clock.advance(61_000);
      expect((await post(limited, '/parent/v1/recovery/identifier', { email: 'x@example.fr' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('limits messages to one phone number', async () => {
    const limited = await startWorld(backend, { rateLimits: { perTarget: { max: 2, windowMs: 3600_000 } } }, w.db);
    try {
      const s = await school(limited);
      const phone = nextPhone();
      await family(limited, s.token, { guardian: { id: 'g', lastName: 'A', firstName: 'B', phone }, children: [{ id: 's', lastName: 'A', firstName: 'C', birthDate: null }] });
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await post(limited, '/parent/v1/activation/sms/start', { phone })).statusCode);
      expect(codes).toEqual([200, 200, 429]);
      expect(limited.sms.filter((m) => m.to === phone)).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });
});
