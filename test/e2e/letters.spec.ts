import path from 'node:path';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';
import { LettersPage } from './page-models/letters-page';
import { pdfText, useLettersService } from './letters-world';

const sheet = [
  'NOM DE FAMILLE;PRENOM 1;DATE NAISS;DIV.;CIVILITE RESP LEG 1;NOM RESP LEG 1;PRENOM RESP LEG 1;TEL PORTABLE RL1;ADRESSE RL1;CODE POSTAL RL1;COMMUNE RL1',
  'WÓJCIK;Zofia;03/05/2014;6A;Mme;WÓJCIK;Małgorzata;06 12 34 56 78;12 rue des Écoles;31000;Toulouse',
  'YILMAZ;Ayşe;17/11/2014;6A;M.;YILMAZ;Barış;07 81 22 33 44;4 avenue de la Gloire;31500;Toulouse',
  'NGUYỄN;Minh;20/01/2014;6A;Mme;NGUYỄN;Thị Ngọc Ánh;;8 impasse du Moulin;31200;Toulouse',
  'DUPONT;Léo;02/02/2014;6A;M.;DUPONT;Paul;06 99 88 77 66;;;',
].join('\r\n');

const world = useLettersService('letters');

test('prints a class batch and a single letter, and shows the letter log', async ({ page, app }) => {
  await world.importAndSync(page, app.url, sheet, { nameSchool: false });

  const letters = new LettersPage(page);
  await letters.open();
  // An unnamed school would print « Établissement » on every letter: the preview says what to fill
  // in, and links there, before any password is issued.
  await letters.previewClass('6A');
  await expect(page.getByTestId('letters-blocking')).toContainText('Nom de l’établissement manquant');
  await expect(page.getByRole('button', { name: 'Imprimer les courriers', exact: true })).toHaveAttribute('aria-disabled', 'true');
  await page.getByRole('link', { name: 'Renseigner l’établissement' }).click();
  await page.getByLabel('Nom de l’établissement (obligatoire)').fill('Collège Jean Jaurès');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Enregistré.' })).toBeVisible();
  await letters.open();
  await letters.previewClass('6A');
  await expect(page.getByTestId('letters-blocking')).toHaveCount(0);
  await expect(letters.planned().getByRole('rowheader')).toHaveText(['Mme NGUYỄN Thị Ngọc Ánh', 'Mme WÓJCIK Małgorzata', 'M. YILMAZ Barış']);
  await expect(letters.excluded()).toContainText('M. DUPONT Paul');
  await expect(letters.excluded()).toContainText('Pas d’adresse postale');
  await expectNoSeriousA11yViolations(page);

  const batch = await letters.print();
  expect(batch.suggestedFilename()).toMatch(/^courriers-6A-\d{4}-\d{2}-\d{2}\.pdf$/);
  const batchFile = path.join(world.dir, 'batch.pdf');
  await batch.saveAs(batchFile);
  const text = pdfText(batchFile);
  for (const name of ['Małgorzata', 'Barış', 'Ayşe', 'NGUYỄN', 'Thị Ngọc Ánh']) expect(text).toContain(name);
  await expect(page.getByTestId('letters-result')).toContainText('3 courriers');
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('link', { name: 'Responsables' }).click();
  await page.getByRole('link', { name: /YILMAZ Barış|Barış YILMAZ/ }).first().click();
  await expect(letters.log().getByRole('row')).toHaveCount(2);
  const single = await letters.printSingleReplacing();
  const singleFile = path.join(world.dir, 'single.pdf');
  await single.saveAs(singleFile);
  expect(pdfText(singleFile)).toContain('Ce courrier remplace le précédent');
  await expect(letters.log().getByRole('row')).toHaveCount(3);
  await expect(letters.log()).toContainText('Classe 6A');
  await expect(letters.log()).toContainText('Lettre individuelle');
  await expect(letters.log()).toContainText('remplace le précédent');
  await expectNoSeriousA11yViolations(page);
});
