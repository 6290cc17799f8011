// Letters for people picked in the lists: guardians ticked in « Responsables » (by mouse and by
// keyboard, across a search), and students of a class picked with « Tout sélectionner ».
import path from 'node:path';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';
import { LettersPage } from './page-models/letters-page';
import { pdfText, useLettersService } from './letters-world';
import { RecordsPage } from './page-models/records-page';

const sheet = [
  'NOM DE FAMILLE;PRENOM 1;DATE NAISS;DIV.;CIVILITE RESP LEG 1;NOM RESP LEG 1;PRENOM RESP LEG 1;TEL PORTABLE RL1;ADRESSE RL1;CODE POSTAL RL1;COMMUNE RL1',
  'WÓJCIK;Zofia;03/05/2014;6A;Mme;WÓJCIK;Małgorzata;06 12 34 56 78;12 rue des Écoles;31000;Toulouse',
  'YILMAZ;Ayşe;17/11/2014;6A;M.;YILMAZ;Barış;07 81 22 33 44;4 avenue de la Gloire;31500;Toulouse',
  'NGUYỄN;Minh;20/01/2014;6A;Mme;NGUYỄN;Thị Ngọc Ánh;;8 impasse du Moulin;31200;Toulouse',
  'MARTIN;Chloé;05/06/2013;5B;Mme;MARTIN;Claire;06 11 22 33 44;3 place du Capitole;31000;Toulouse',
].join('\r\n');

const world = useLettersService('selection');

/** One identifier box per letter. */
const lettersIn = (text: string) => text.match(/IDENTIFIANT/g)?.length ?? 0;

test('prints the letters of the guardians and students picked in the lists', async ({ page, app }) => {
  // Import, sync, two batches and three axe scans: slow on a shared machine.
  test.slow();
  await world.importAndSync(page, app.url, sheet);

  const records = new RecordsPage(page);
  const letters = new LettersPage(page);
  await records.openGuardians();
  await expect(page.getByTestId('guardians-total')).toHaveText('4 responsables');
  await expect(letters.selectionCount()).toHaveText('0 responsable sélectionné');

  // A click on the checkbox picks the row and does not open the record.
  await letters.rowCheckbox('WÓJCIK Małgorzata').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Responsables');
  await expect(letters.rowCheckbox('WÓJCIK Małgorzata')).toBeChecked();

  // Search narrows the list; the keyboard picks a second one; the first stays picked.
  await records.searchFor('yilmaz');
  await expect(page.getByTestId('guardians-total')).toHaveText('1 responsable');
  await letters.rowCheckbox('YILMAZ Barış').focus();
  await page.keyboard.press('Space');
  await expect(letters.rowCheckbox('YILMAZ Barış')).toBeChecked();
  await expect(letters.selectionCount()).toHaveText('2 responsables sélectionnés');
  await records.searchFor('');
  await expect(page.getByTestId('guardians-total')).toHaveText('4 responsables');
  await expect(letters.rowCheckbox('WÓJCIK Małgorzata')).toBeChecked();
  await expect(letters.rowCheckbox('NGUYỄN Thị Ngọc Ánh')).not.toBeChecked();
  await expectNoSeriousA11yViolations(page);

  // The button opens the preview first: nothing is issued before « Imprimer les courriers » in it.
  await letters.previewSelection();
  // Focus goes to the preview, for keyboard and screen reader users.
  await expect(page.getByRole('heading', { level: 2, name: 'Sélection de 2 responsables' })).toBeFocused();
  await expect(letters.planned().getByRole('row')).toHaveCount(3);
  await expect(letters.planned()).not.toContainText('remplace le précédent');
  await expectNoSeriousA11yViolations(page);
  // Ticked while the preview is open: not in this batch, and still picked after it.
  await letters.rowCheckbox('NGUYỄN Thị Ngọc Ánh').click();
  const download = await letters.print();
  expect(download.suggestedFilename()).toMatch(/^courriers-Selection-de-2-responsables-\d{4}-\d{2}-\d{2}\.pdf$/);
  const file = path.join(world.dir, 'guardians.pdf');
  await download.saveAs(file);
  const text = pdfText(file);
  expect(lettersIn(text)).toBe(2);
  for (const name of ['Małgorzata', 'Barış', 'Ayşe']) expect(text).toContain(name);
  for (const other of ['Thị Ngọc Ánh', 'Claire']) expect(text).not.toContain(other);
  await expect(page.getByTestId('letters-result')).toContainText('2 courriers');
  // Only the printed guardians leave the selection.
  await expect(letters.selectionCount()).toHaveText('1 responsable sélectionné');
  await expect(letters.rowCheckbox('WÓJCIK Małgorzata')).not.toBeChecked();
  await expect(letters.rowCheckbox('NGUYỄN Thị Ngọc Ánh')).toBeChecked();
  // The preview, read again, says a new letter would now replace the one just printed.
  await expect(letters.planned()).toContainText('Identifiants (remplace le précédent)');
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Vider la sélection' }).click();
  await expect(letters.selectionCount()).toHaveText('0 responsable sélectionné');

  // Back on the list later: the last result is still shown.
  await records.openStudents();
  await records.openGuardians();
  await expect(page.getByTestId('letters-result')).toContainText('2 courriers');

  // Students: filter a class, pick every row shown, print their guardians' letters.
  await records.openStudents();
  await page.getByLabel('Classe').selectOption({ value: '5B' });
  await expect(page.getByTestId('students-total')).toHaveText('1 élève');
  await letters.selectAllShown();
  await expect(letters.selectionCount()).toHaveText('1 élève sélectionné');
  await expect(letters.rowCheckbox('MARTIN Chloé')).toBeChecked();
  const classDownload = await letters.printSelection();
  const classFile = path.join(world.dir, 'students.pdf');
  await classDownload.saveAs(classFile);
  const classText = pdfText(classFile);
  expect(lettersIn(classText)).toBe(1);
  expect(classText).toContain('Claire');
  for (const other of ['Małgorzata', 'Barış', 'Thị Ngọc Ánh']) expect(classText).not.toContain(other);
  await expect(letters.selectionCount()).toHaveText('0 élève sélectionné');
  await expectNoSeriousA11yViolations(page);
});
