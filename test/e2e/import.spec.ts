import { expect, expectNoSeriousA11yViolations, test } from './fixtures';
import { ImportPage } from './page-models/import-page';
import { RecordsPage } from './page-models/records-page';

// A SIECLE-style sheet: one row per student, guardian 1 and 2 columns, siblings sharing parents
// whose phones are written differently, and one row with an impossible birth date.
const sheet = [
  'NOM;PRENOM;DATE NAISS;DIV.;NOM RESP LEG 1;PRENOM RESP LEG 1;TEL PORTABLE RL1;COURRIEL RL1;NOM RESP LEG 2;PRENOM RESP LEG 2;TEL PORTABLE RL2;COURRIEL RL2',
  'MARTIN;Léa;03/05/2014;6A;MARTIN;Sophie;06 12 34 56 78;sophie.martin@example.fr;MARTIN;Paul;+33 7 81 22 33 44;paul.martin@example.fr',
  'MARTIN;Hugo;12/11/2016;CM1;MARTIN;Sophie;0612345678;Sophie.Martin@example.fr;MARTIN;Paul;07.81.22.33.44;',
  'NGUYỄN;Thị Lan;2013-09-30;5B;NGUYỄN;Văn Hùng;0690 12 34 56;hung.nguyen@example.fr;;;;',
  'WIŚNIEWSKI;Łukasz;31/02/2014;6A;WIŚNIEWSKA;Agnieszka;06 98 76 54 32;agnieszka@example.pl;;;;',
].join('\r\n');

test('imports a sheet through the wizard, then finds a guardian by phone and opens a student', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const wizard = new ImportPage(page);
  await wizard.open();
  await wizard.chooseFile('export-siecle.csv', sheet);

  await expect(wizard.count('students-created')).toHaveText('4');
  await expect(wizard.count('guardians-created')).toHaveText('4');
  await expect(page.getByText(/Ligne 5/).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await wizard.confirm();
  await expect(page.getByText(/Import terminé/i)).toBeVisible();

  const records = new RecordsPage(page);
  await records.openGuardians();
  await records.searchFor('07 81 22');
  await expect(page.getByRole('link', { name: /MARTIN Paul|Paul MARTIN/i })).toBeVisible();
  await expect(page.getByRole('link', { name: /Sophie/ })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await records.openStudents();
  await records.searchFor('nguyen');
  await records.openRecord(/NGUYỄN/);
  await expect(page.getByRole('heading', { name: /Thị Lan/ })).toBeVisible();
  await expect(page.getByText('30/09/2013')).toBeVisible();
  await expect(page.getByText('+590 690 12 34 56').or(page.getByText('0690 12 34 56'))).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test('refuses an unusable file with a clear message and keeps the register empty', async ({ page, app }) => {
  await page.goto(app.url);
  const wizard = new ImportPage(page);
  await wizard.open();
  await wizard.chooseFile('vide.csv', '');
  await expect(page.getByRole('alert')).toContainText(/vide/i);
  await page.getByRole('link', { name: 'Élèves' }).click();
  await expect(page.getByText(/Aucun élève/i)).toBeVisible();
});

test('an import survives a restart of the app', async ({ page, app }) => {
  await page.goto(app.url);
  const wizard = new ImportPage(page);
  await wizard.open();
  await wizard.chooseFile('export-siecle.csv', sheet);
  await wizard.confirm();
  await expect(page.getByText(/Import terminé/i)).toBeVisible();

  await app.restart();
  await page.goto(app.url);
  const records = new RecordsPage(page);
  await records.openStudents();
  await records.searchFor('Hugo');
  await expect(page.getByRole('link', { name: /MARTIN Hugo|Hugo MARTIN/ })).toBeVisible();

  // The next export moves Léa to 5A: before anything is written, the plan says so.
  const next = sheet.replace('MARTIN;Léa;03/05/2014;6A;', 'MARTIN;Léa;03/05/2014;5A;');
  await wizard.open();
  await wizard.chooseFile('export-siecle-2.csv', next);
  await expect(page.getByRole('heading', { name: 'Fiches modifiées (1)' })).toBeVisible();
  await page.getByText('Voir ce qui change').click();
  await expect(page.getByText('Classe : 6A → 5A')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
