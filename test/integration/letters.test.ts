// Letters end to end against the real account service (PGlite, loopback): import names in several
// Latin scripts, print a class batch, read the PDF back, activate with the printed password once,
// re-issue, and check the password never reaches the register files or any log.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post } from '../../service/test/harness';
import { runCli } from '../../electron/cli/run';
import { configureService, credentialsIn, guardianId, lettersWorld, pdfText, SCHOOL_NAME, type LettersWorld } from './letters-helpers';

let lw: LettersWorld;
const captured: string[] = [];
const originalOut = process.stdout.write.bind(process.stdout);
const originalErr = process.stderr.write.bind(process.stderr);

beforeAll(async () => {
  // Everything written to stdout/stderr during the suite is kept and searched for passwords.
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    captured.push(String(chunk));
    return (originalOut as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    captured.push(String(chunk));
    return (originalErr as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  lw = await lettersWorld();
}, 60_000);

afterAll(async () => {
  process.stdout.write = originalOut;
  process.stderr.write = originalErr;
  await lw?.close();
});

const names = (lw: LettersWorld) =>
  lw.core.db.all<{ last_name: string; first_name: string }>('SELECT last_name, first_name FROM guardian UNION ALL SELECT last_name, first_name FROM student');

describe('letters against the account service', () => {
  const passwords: string[] = [];
  const issuedBy = new Map<string, string>();

  it('previews a class: guardians not yet synced and missing addresses are excluded with the reason', async () => {
    const before = await lw.core.dispatch('letters.preview', { selection: { scope: 'division', division: '6A' } });
    if (!before.ok) throw new Error(before.error.message);
    expect(before.value.serviceChecked).toBe(true);
    expect(before.value.title).toBe('Classe 6A');
    expect(before.value.letters).toEqual([]);
    expect(before.value.excluded).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'M. DUPONT Paul', reason: expect.stringContaining('adresse postale') }),
        expect.objectContaining({ name: 'Mme NGUYỄN Thị Ngọc Ánh', reason: 'Ce responsable n’a pas encore été synchronisé avec le service de comptes : lancez une synchronisation.' }),
      ]),
    );
    const sync = await lw.core.dispatch('sync.run', {});
    if (!sync.ok) throw new Error(sync.error.message);
    expect(sync.value.error).toBeNull();
    const after = await lw.core.dispatch('letters.preview', { selection: { scope: 'division', division: '6A' } });
    if (!after.ok) throw new Error(after.error.message);
    expect(after.value.letters.map((l) => l.name).sort()).toEqual(['M. YILMAZ Barış', 'Mme NGUYỄN Thị Ngọc Ánh', 'Mme WÓJCIK Małgorzata']);
    expect(after.value.letters.every((l) => l.kind === 'credentials' && l.divisions.includes('6A'))).toBe(true);
    expect(after.value.excluded.map((e) => e.name)).toEqual(['M. DUPONT Paul']);
  });

  it('without the school’s name, the preview says what to fill in and printing issues nothing', async () => {
    const letters = () => lw.core.db.get<{ n: number }>('SELECT count(*) AS n FROM letter')?.n;
    const before = letters();
    await lw.core.db.write((tx) => tx.run("UPDATE school SET name = '' WHERE id = 'school'"));
    try {
      const preview = await lw.core.dispatch('letters.preview', { selection: { scope: 'division', division: '6A' } });
      if (!preview.ok) throw new Error(preview.error.message);
      expect(preview.value.blocking).toEqual({ what: 'schoolName', message: expect.stringMatching(/^Nom de l’établissement manquant/) });
      expect(preview.value.letters.length).toBeGreaterThan(0);
      const printed = await lw.core.dispatch('letters.print', { selection: { scope: 'division', division: '6A' }, reissue: false });
      expect(printed.ok).toBe(false);
      if (!printed.ok) expect(printed.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Établissement') });
      expect(letters()).toBe(before);
    } finally {
      await lw.core.dispatch('school.update', { uai: null, name: SCHOOL_NAME, address: null, departement: '31' });
    }
    const ready = await lw.core.dispatch('letters.preview', { selection: { scope: 'division', division: '6A' } });
    expect(ready.ok && ready.value.blocking).toBeNull();
  });

  it('prints a class batch: each name exactly, the identifier and a password that works once', async () => {
    const r = await lw.core.dispatch('letters.print', { selection: { scope: 'division', division: '6A' } });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.fileName).toBe('courriers-6A-2026-11-25.pdf');
    expect(r.value.excluded.map((e) => e.name)).toEqual(['M. DUPONT Paul']);
    const text = pdfText(lw.dir, Buffer.from(r.value.pdfBase64, 'base64'), 'batch.pdf');
    for (const n of ['Małgorzata', 'WÓJCIK', 'Barış', 'YILMAZ', 'Ayşe', 'Thị Ngọc Ánh', 'NGUYỄN', 'Zofia', 'Minh']) {
      expect(text).toContain(n);
    }
    const creds = credentialsIn(text);
    expect(creds).toHaveLength(3);
    expect(r.value.letters).toBe(3);
    expect(r.value.pages).toBeGreaterThanOrEqual(4);
    passwords.push(...creds.map((c) => c.password));
    for (const c of creds) issuedBy.set(c.login, c.password);

    const [first] = creds;
    const start = await post(lw.w, '/parent/v1/activation/letter', { login: first!.login, temporaryPassword: first!.password });
    expect(start.statusCode, start.body).toBe(200);
    const session = start.json() as { sessionToken: string };
    const done = await post(lw.w, '/parent/v1/activation/complete', { newPassword: 'Un-Vrai-Mot-2026!', email: 'parent.letters@example.fr' }, session.sessionToken);
    expect(done.statusCode, done.body).toBe(200);
    const again = await post(lw.w, '/parent/v1/activation/letter', { login: first!.login, temporaryPassword: first!.password });
    expect(again.statusCode).toBe(410);

    // The log: who, when, which batch, expiry; never a password.
    const log = await lw.core.dispatch('letters.log', { guardianId: guardianId(lw.core, 'YILMAZ') });
    if (!log.ok) throw new Error(log.error.message);
    expect(log.value.entries).toHaveLength(1);
    expect(log.value.entries[0]).toMatchObject({ printedBy: 'Mme Secrétaire', printedAt: '2026-11-25T09:00:00.000Z', title: 'Classe 6A', kind: 'credentials', reissued: false });
    expect(log.value.entries[0]!.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('re-issues a single letter: the letter says so and the old password fails', async () => {
    const id = guardianId(lw.core, 'YILMAZ');
    // From the app, unconfirmed: refused before anything is issued, with what it would void.
    const refused = await lw.core.dispatch('letters.print', { selection: { scope: 'guardians', guardianIds: [id] }, confirmedReplacements: 0 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', details: { letters: 1, activeAccounts: 0 } } });
    const before = await lw.core.dispatch('letters.log', { guardianId: id });
    if (!before.ok) throw new Error('log');
    expect(before.value.entries).toHaveLength(1);
    // The command line passes no confirmation: no check.
    const r = await lw.core.dispatch('letters.print', { selection: { scope: 'guardians', guardianIds: [id] } });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.fileName).toMatch(/^courriers-.*-2026-11-25\.pdf$/);
    const text = pdfText(lw.dir, Buffer.from(r.value.pdfBase64, 'base64'), 'single.pdf');
    expect(text).toContain('Ce courrier remplace le précédent');
    const [cred] = credentialsIn(text);
    passwords.push(cred!.password);
    const batchLogin = cred!.login;
    const old = issuedBy.get(batchLogin);
    expect(old).toBeDefined();
    expect(old).not.toBe(cred!.password);
    const res = await post(lw.w, '/parent/v1/activation/letter', { login: batchLogin, temporaryPassword: old });
    // Gone: the service voided it when it issued the new one.
    expect(res.statusCode).toBe(410);
    const ok = await post(lw.w, '/parent/v1/activation/letter', { login: batchLogin, temporaryPassword: cred!.password });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = await lw.core.dispatch('letters.log', { guardianId: id });
    if (!after.ok) throw new Error('log');
    expect(after.value.entries).toHaveLength(2);
    expect(after.value.entries[0]).toMatchObject({ reissued: true, title: expect.stringContaining('Lettre individuelle') });
  });

  it('an already active account gets a reminder, without a password', async () => {
    const r = await lw.core.dispatch('letters.print', { selection: { scope: 'division', division: '6A' } });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.reminders).toBe(1);
    const text = pdfText(lw.dir, Buffer.from(r.value.pdfBase64, 'base64'), 'again.pdf');
    expect(text).toContain('rappel de votre identifiant');
    passwords.push(...credentialsIn(text).map((c) => c.password));
  });

  it('service unreachable: a clear message, nothing issued, nothing logged', async () => {
    const count = () => Number(lw.core.db.get<{ n: number }>('SELECT count(*) AS n FROM letter')!.n);
    const n = count();
    await configureService(lw.core, 'http://127.0.0.1:9', lw.token);
    const r = await lw.core.dispatch('letters.print', { selection: { scope: 'division', division: '6A' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('service_unavailable');
    expect(r.error.message).toContain('Service de comptes injoignable');
    expect(r.error.message).toContain('Aucun courrier n’a été émis');
    expect(count()).toBe(n);
    await configureService(lw.core, lw.serviceUrl, lw.token);
  });

  it('names stay exactly as stored, and no password is in the register files or any log', async () => {
    expect(names(lw).map((x) => x.first_name)).toEqual(expect.arrayContaining(['Małgorzata', 'Ayşe', 'Barış']));
    expect(passwords.length).toBeGreaterThanOrEqual(4);
    const registerBytes = () => {
      const files = readdirSync(lw.dir).filter((f) => !f.endsWith('.pdf'));
      expect(files.length).toBeGreaterThan(0);
      return files.map((f) => readFileSync(path.join(lw.dir, f)).toString('latin1')).join('\n');
    };
    // The journal before folding, then the snapshot after.
    const journal = registerBytes();
    await lw.core.db.checkpoint();
    const haystack = [
      journal,
      registerBytes(),
      lw.logs.join(''),
      captured.join(''),
    ].join('\n');
    for (const p of passwords) expect(haystack.includes(p), 'password found in register files or logs').toBe(false);
  });

  it('the template and letterhead are settings: a wrong placeholder is refused, the text reaches the letters', async () => {
    const got = await lw.core.dispatch('letters.template.get', {});
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.isDefault).toBe(true);
    expect(got.value.activationUrl).toBe(`${lw.serviceUrl}/activer`);
    const letterhead = { signatory: 'La principale, Mme Łęcka', phone: '05 61 00 00 00', address: '1 rue du Collège', city: 'Toulouse', activationUrl: null };
    const bad = await lw.core.dispatch('letters.template.set', { template: { ...got.value.template, closing: 'Votre {{motdepasse}}' }, letterhead });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('mot de passe provisoire est imprimé uniquement');
    const set = await lw.core.dispatch('letters.template.set', { template: { ...got.value.template, closing: 'Bien cordialement, {{appel}}.' }, letterhead });
    if (!set.ok) throw new Error(set.error.message);
    expect(set.value.isDefault).toBe(false);
    const r = await lw.core.dispatch('letters.print', { selection: { scope: 'guardians', guardianIds: [guardianId(lw.core, 'WÓJCIK')] } });
    if (!r.ok) throw new Error(r.error.message);
    const text = pdfText(lw.dir, Buffer.from(r.value.pdfBase64, 'base64'), 'template.pdf');
    expect(text).toContain('Bien cordialement, Madame.');
    expect(text).toContain('La principale, Mme Łęcka');
  });

  it('CLI: sesame letters --division 6A --out FILE --json prints counts and writes the PDF', async () => {
    await lw.core.close(); // the CLI opens the register itself
    const out: string[] = [];
    const err: string[] = [];
    const file = path.join(lw.dir, 'cli', 'courriers-6A.pdf');
    const code = await runCli(['letters', '--db', lw.dbPath, '--division', '6A', '--out', file, '--json'], {
      out: async (t) => void out.push(t),
      err: (t) => void err.push(t),
    });
    expect(code, err.join('')).toBe(0);
    const summary = JSON.parse(out.join('')) as { letters: number; pages: number; file: string };
    expect(summary).toMatchObject({ letters: 3, file });
    expect(summary.pages).toBeGreaterThanOrEqual(4);
    const text = pdfText(lw.dir, readFileSync(file), 'cli-copy.pdf');
    expect(text).toContain('Małgorzata');
    expect(err.join('')).toContain('adresse postale');
    for (const c of credentialsIn(text)) {
      expect(out.join('') + err.join('')).not.toContain(c.password);
    }
    const usage = await runCli(['letters', '--db', lw.dbPath, '--out', file], { out: async () => undefined, err: (t) => void err.push(t) });
    expect(usage).toBe(64);
  });
});
