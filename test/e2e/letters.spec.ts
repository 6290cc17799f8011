import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { school, startWorld, type World } from '../../service/test/harness';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';
import { ImportPage } from './page-models/import-page';
import { LettersPage } from './page-models/letters-page';

const sheet = [
  'NOM DE FAMILLE;PRENOM 1;DATE NAISS;DIV.;CIVILITE RESP LEG 1;NOM RESP LEG 1;PRENOM RESP LEG 1;TEL PORTABLE RL1;ADRESSE RL1;CODE POSTAL RL1;COMMUNE RL1',
  'WÓJCIK;Zofia;03/05/2014;6A;Mme;WÓJCIK;Małgorzata;06 12 34 56 78;12 rue des Écoles;31000;Toulouse',
  'YILMAZ;Ayşe;17/11/2014;6A;M.;YILMAZ;Barış;07 81 22 33 44;4 avenue de la Gloire;31500;Toulouse',
  'NGUYỄN;Minh;20/01/2014;6A;Mme;NGUYỄN;Thị Ngọc Ánh;;8 impasse du Moulin;31200;Toulouse',
  'DUPONT;Léo;02/02/2014;6A;M.;DUPONT;Paul;06 99 88 77 66;;;',
].join('\r\n');

let w: World;
let serviceUrl: string;
let token: string;
let dir: string;

test.beforeAll(async () => {
  w = await startWorld('pglite');
  await w.app.listen({ port: 0, host: '127.0.0.1' });
  const address = w.app.server.address();
  serviceUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  token = (await school(w)).token;
  dir = mkdtempSync(path.join(tmpdir(), 'sesame-e2e-letters-'));
});

test.afterAll(async () => {
  await w?.close();
  rmSync(dir, { recursive: true, force: true });
});

const textOf = async (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });

test('prints a class batch and a single letter, and shows the letter log', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const wizard = new ImportPage(page);
  await wizard.open();
  await wizard.chooseFile('siecle.csv', sheet);
  await wizard.confirm();
  await expect(page.getByText(/Import terminé/i)).toBeVisible();

  // The service settings and a first sync (their screen belongs to the sync feature).
  const invoke = async (name: string, input: unknown) => {
    const u = new URL(app.url);
    const appToken = new URLSearchParams(u.hash.slice(1)).get('token') ?? '';
    const res = await fetch(new URL('/api/invoke', u.origin), {
      method: 'POST',
      headers: { authorization: `Bearer ${appToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, input }),
    });
    return (await res.json()) as { ok: boolean };
  };
  const configured = (await invoke('sync.settings.set', { serviceUrl, token })).ok && (await invoke('sync.run', {})).ok;
  expect(configured).toBe(true);

  const letters = new LettersPage(page);
  await letters.open();
  await letters.previewClass('6A');
  await expect(letters.planned().getByRole('rowheader')).toHaveText(['Mme NGUYỄN Thị Ngọc Ánh', 'Mme WÓJCIK Małgorzata', 'M. YILMAZ Barış']);
  await expect(letters.excluded()).toContainText('M. DUPONT Paul');
  await expect(letters.excluded()).toContainText('Pas d’adresse postale');
  await expectNoSeriousA11yViolations(page);

  const batch = await letters.print();
  expect(batch.suggestedFilename()).toMatch(/^courriers-6A-\d{4}-\d{2}-\d{2}\.pdf$/);
  const batchFile = path.join(dir, 'batch.pdf');
  await batch.saveAs(batchFile);
  const text = await textOf(batchFile);
  for (const name of ['Małgorzata', 'Barış', 'Ayşe', 'NGUYỄN', 'Thị Ngọc Ánh']) expect(text).toContain(name);
  await expect(page.getByTestId('letters-result')).toContainText('3 courriers');
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('link', { name: 'Responsables' }).click();
  await page.getByRole('link', { name: /YILMAZ Barış|Barış YILMAZ/ }).first().click();
  await expect(letters.log().getByRole('row')).toHaveCount(2);
  const single = await letters.printSingle();
  const singleFile = path.join(dir, 'single.pdf');
  await single.saveAs(singleFile);
  expect(await textOf(singleFile)).toContain('Ce courrier remplace le précédent');
  await expect(letters.log().getByRole('row')).toHaveCount(3);
  await expect(letters.log()).toContainText('Classe 6A');
  await expect(letters.log()).toContainText('Lettre individuelle');
  await expect(letters.log()).toContainText('remplace le précédent');
  await expectNoSeriousA11yViolations(page);
});
