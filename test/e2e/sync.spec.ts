// End to end: the real account service (dist/service/cli.js on PGlite, loopback port) and the app
// in browser mode. Configure the service in the UI, import, sync, see the pending count go to zero
// and an account state appear once the parent activates (driven over the parent API).
import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';
import { ImportPage } from './page-models/import-page';
import { RecordsPage } from './page-models/records-page';
import { SyncPage } from './page-models/sync-page';

const root = path.resolve(import.meta.dirname, '../..');
const serviceCli = path.join(root, 'dist/service/cli.js');

const sheet = [
  'NOM;PRENOM;DATE NAISS;DIV.;NOM RESP LEG 1;PRENOM RESP LEG 1;TEL PORTABLE RL1;COURRIEL RL1',
  'LEGRAND;Noé;03/05/2014;6A;LEGRAND;Amina;06 12 34 56 78;amina.legrand@example.fr',
  'LEGRAND;Lou;12/11/2016;CM1;LEGRAND;Amina;0612345678;amina.legrand@example.fr',
  'ROUSSEAU;Jade;30/09/2013;5B;ROUSSEAU;Karim;07 81 22 33 44;karim.rousseau@example.fr',
].join('\r\n');

let dataDir: string;
let service: ChildProcess;
let serviceUrl: string;
let schoolToken: string;

const admin = (...args: string[]) => execFileSync(process.execPath, [serviceCli, ...args, '--data', dataDir], { cwd: root, encoding: 'utf8' });

test.beforeAll(async () => {
  // PGlite's first start (initdb) takes tens of seconds on a busy machine, once per command.
  test.setTimeout(300_000);
  dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-e2e-service-'));
  schoolToken = (JSON.parse(admin('school', 'add', '--uai', '0310001H', '--name', 'Collège Jean Jaurès', '--departement', '31', '--json')) as { token: string }).token;
  admin('departement', 'open', '31', '--from', '2026-01-01');
  service = spawn(process.execPath, [serviceCli, 'serve', '--data', dataDir, '--port', '0', '--host', '127.0.0.1'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  serviceUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${out}`)), 120_000);
    const onData = (c: Buffer) => {
      out += c.toString();
      const m = /prêt sur (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    service.stdout!.on('data', onData);
    service.stderr!.on('data', onData);
    service.on('exit', (code) => reject(new Error(`service exited (${code}):\n${out}`)));
  });
});

test.afterAll(async () => {
  if (service && service.exitCode === null) {
    const exited = new Promise<void>((resolve) => service.once('exit', () => resolve()));
    service.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function api(method: 'GET' | 'POST', url: string, body?: unknown, bearer?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${serviceUrl}${url}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** The parent activates with the letter the school issues (school API, then parent API). */
async function activateByLetter(guardianId: string): Promise<void> {
  const letters = await api('POST', '/school/v1/letters', { guardianIds: [guardianId] }, schoolToken);
  const letter = (letters.json.letters as Array<{ status: string; login: string; temporaryPassword: string }>)[0]!;
  expect(letter.status).toBe('issued');
  const session = await api('POST', '/parent/v1/activation/letter', { login: letter.login, temporaryPassword: letter.temporaryPassword });
  expect(session.status).toBe(200);
  const done = await api('POST', '/parent/v1/activation/complete', { newPassword: 'une phrase de passe solide', email: 'amina.legrand@example.fr' }, session.json.sessionToken as string);
  expect(done.status).toBe(200);
}

test('configures the service, syncs, empties the pending count, and shows an activated account', async ({ page, app }) => {
  test.setTimeout(180_000);
  await page.goto(app.url);
  const sync = new SyncPage(page);
  await expect(sync.statusBar()).toContainText('Synchronisation non configurée');

  await sync.open();
  await expect(page.getByRole('heading', { level: 1, name: 'Synchronisation' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  // An address that would send the token in clear is refused, next to nothing saved.
  await sync.configure('http://comptes.example.fr', schoolToken);
  await expect(page.getByRole('alert')).toContainText('https://');
  await sync.configure(serviceUrl, schoolToken);
  await expect(page.getByText('Réglages enregistrés.')).toBeVisible();
  await expect(page.getByLabel('Jeton de l’établissement')).toHaveValue('');
  await expect(page.getByText(/Un jeton est enregistré/)).toBeVisible();
  await expect(page.getByText(schoolToken)).toHaveCount(0);

  const wizard = new ImportPage(page);
  await wizard.open();
  await wizard.chooseFile('export-siecle.csv', sheet);
  await wizard.confirm();
  await expect(page.getByText(/Import terminé/i)).toBeVisible();
  await expect(sync.statusBar()).toContainText('5 modifications en attente');
  await expect(sync.statusBar()).toContainText('Dernière synchronisation : jamais');

  await sync.open();
  await sync.syncNow();
  // The 5 waiting, counted the same way (8 sends: a student goes again after its new guardian).
  await expect(page.getByText(/Synchronisation terminée : 5 modifications envoyées/)).toBeVisible();
  await expect(sync.statusBar()).toContainText('Aucune modification en attente');
  await expect(sync.statusBar()).not.toContainText('jamais');
  await expect(page.getByRole('heading', { name: 'Conflits à arbitrer (0)' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The guardian page says no account yet; the parent activates; a sync brings the state.
  const records = new RecordsPage(page);
  await records.openGuardians();
  await records.openRecord(/LEGRAND Amina|Amina LEGRAND/);
  await expect(page.getByTestId('account-state')).toHaveText('Compte : jamais activé');
  const guardianId = decodeURIComponent(new URL(page.url()).hash.split('/').pop() ?? '');
  await activateByLetter(guardianId);

  await sync.open();
  await sync.syncNow();
  await expect(page.getByText(/2 nouvelles reçues/)).toBeVisible();
  await page.goBack();
  await page.goBack();
  await records.openGuardians();
  await records.openRecord(/LEGRAND Amina|Amina LEGRAND/);
  await expect(page.getByTestId('account-state')).toContainText('Compte : activé (par courrier)');
  await expectNoSeriousA11yViolations(page);
});

test('says when the service is out of reach and keeps the changes pending', async ({ page, app }) => {
  await page.goto(app.url);
  const sync = new SyncPage(page);
  const wizard = new ImportPage(page);
  await wizard.open();
  await wizard.chooseFile('export-siecle.csv', sheet);
  await wizard.confirm();
  await expect(page.getByText(/Import terminé/i)).toBeVisible();

  await sync.open();
  // A loopback port nothing listens on.
  await sync.configure('http://127.0.0.1:9', schoolToken);
  await expect(page.getByText('Réglages enregistrés.')).toBeVisible();
  await sync.syncNow();
  await expect(page.getByRole('alert')).toContainText('injoignable', { timeout: 30_000 });
  await expect(sync.statusBar()).toContainText('Hors ligne');
  await expect(sync.statusBar()).toContainText('5 modifications en attente');
  await expectNoSeriousA11yViolations(page);
});
