import { expect, expectNoSeriousA11yViolations, test } from './fixtures';
import type { Page } from '@playwright/test';
import { CorrectionsPage } from './page-models/corrections-page';
import { ImportPage } from './page-models/import-page';

// Two siblings whose sheets name their mother with different contacts (two look-alike records
// sharing the father), a mother with an unusable mobile, and a child linked to the wrong parent.
const sheet = [
  'NOM;PRENOM;DATE NAISS;DIV.;NOM RESP LEG 1;PRENOM RESP LEG 1;TEL PORTABLE RL1;COURRIEL RL1;NOM RESP LEG 2;PRENOM RESP LEG 2;TEL PORTABLE RL2;COURRIEL RL2',
  'DUPONT;Emma;03/05/2014;6A;DUPONT;Claire;06 11 22 33 44;claire.dupont@example.fr;DUPONT;Marc;06 55 66 77 88;marc.dupont@example.fr',
  'DUPONT;Noah;12/11/2016;CM1;DUPONT;Claire;07 99 88 77 66;c.dupont@example.com;DUPONT;Marc;06 55 66 77 88;marc.dupont@example.fr',
  'LEROY;Tom;2013-09-30;5B;BERNARD;Julie;06 12 12 12 12;julie.bernard@example.fr;;;;',
  'PETIT;Jules;01/02/2015;CE2;PETIT;Nadia;12 34;nadia.petit@example.fr;LEROY;Anne;06 21 21 21 21;anne.leroy@example.fr',
].join('\r\n');

async function importSheet(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const wizard = new ImportPage(page);
  await wizard.open();
  await wizard.chooseFile('export-siecle.csv', sheet);
  await wizard.confirm();
  await expect(page.getByText(/Import terminé/i)).toBeVisible();
}

test('fixes a phone from the anomalies desk, and finds the fix and its history after a restart', async ({ page, app }) => {
  // An import, an edit and a restart: longer than the default budget on a loaded machine.
  test.slow();
  await importSheet(page, app.url);
  // The morning view says what waits, and where.
  await page.getByRole('link', { name: 'Tableau de bord' }).click();
  await expect(page.getByTestId('dashboard-anomalies').getByRole('link', { name: /problèmes à corriger/ })).toBeVisible();
  await expect(page.getByTestId('dashboard-reports')).toHaveText('Aucun signalement « Ce n’est pas mon enfant » ouvert.');
  await expectNoSeriousA11yViolations(page);
  const desk = new CorrectionsPage(page);
  await desk.openDesk();
  await expect(page.getByRole('heading', { level: 1, name: 'À corriger' })).toBeVisible();
  await desk.kind('guardian.invalid_mobile').click();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('link', { name: /Corriger .*PETIT Nadia/ }).click();

  const phone = page.getByLabel('Portable');
  await expect(phone).toBeFocused();
  await expect(page.getByLabel('Indicatif (pays)')).toContainText('France (+33)');
  // Refused: a French message next to the field, nothing saved.
  await phone.fill('12');
  await desk.save();
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#guardian-phone-error')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await phone.fill('06 45 45 45 45');
  await expect(page.getByTestId('phone-preview')).toContainText('+33 6 45 45 45 45');
  await desk.save();
  await expect(desk.saved()).toBeVisible();
  // The outcome and the way back are brought into view, even below a laptop's screen.
  const back = page.getByRole('link', { name: 'Retour à « À corriger »' });
  await expect(back).toBeInViewport();
  await back.click();
  await expect(page.getByRole('heading', { level: 1, name: 'À corriger' })).toBeVisible();
  await expect(desk.kind('guardian.invalid_mobile')).toHaveCount(0);

  await app.restart();
  await page.goto(app.url);
  await desk.openRecord('Responsables', 'Nadia', /PETIT Nadia|Nadia PETIT/);
  await expect(page.getByText('06 45 45 45 45').first()).toBeVisible();
  await expect(desk.history().getByRole('row', { name: /Portable/ }).first()).toContainText('Modification');
  await expectNoSeriousA11yViolations(page);
});

test('merges two look-alike guardians, then splits them back', async ({ page, app }) => {
  await importSheet(page, app.url);
  const desk = new CorrectionsPage(page);
  await desk.openDesk();
  await desk.kind('guardian.look_alike').click();
  await page.getByRole('link', { name: /Comparer et fusionner .*DUPONT Claire/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: /Fusionner/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Fusionner en une seule fiche' }).click();

  // The kept record now has both children.
  await expect(page.getByRole('heading', { level: 2, name: 'Enfants (2)' })).toBeVisible();
  await page.getByRole('button', { name: /Séparer DUPONT Claire/ }).click();
  await page.getByRole('button', { name: /Confirmer la séparation de DUPONT Claire/ }).click();
  await expect(page.getByText(/Fiches séparées/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Enfants (1)' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test('records a not-my-child report by phone and resolves it by moving the link', async ({ page, app }) => {
  await importSheet(page, app.url);
  const desk = new CorrectionsPage(page);
  await desk.openReports();
  await expect(page.getByText('Aucun signalement à traiter.')).toBeVisible();
  await page.getByLabel('Parent qui signale').fill('BERNARD');
  await page.getByRole('button', { name: /Choisir BERNARD Julie/ }).click();
  await page.getByLabel('Enfant qui n’est pas le sien').selectOption({ label: 'LEROY Tom (5B)' });
  await page.getByLabel('Ce que dit le parent').fill('Je ne connais pas cet enfant.');
  await page.getByRole('button', { name: 'Enregistrer le signalement' }).click();

  const row = page.getByTestId('reports').getByRole('row', { name: /BERNARD Julie/ });
  await expect(row).toContainText('Je ne connais pas cet enfant.');
  await expect(row).toContainText(/ouvert depuis/);
  await expectNoSeriousA11yViolations(page);

  await row.getByRole('button', { name: /Traiter le signalement/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Traiter le signalement' });
  await dialog.getByLabel(/Déplacer le lien/).check();
  await dialog.getByLabel('Bon responsable', { exact: true }).fill('LEROY');
  // Homonyms are told apart by their children and classes.
  await expect(dialog.getByRole('listitem').filter({ hasText: /Choisir LEROY Anne/ })).toContainText('PETIT Jules (CE2)');
  await dialog.getByRole('button', { name: /Choisir LEROY Anne/ }).click();
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole('button', { name: 'Valider' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signalement traité.' })).toBeVisible();
  await expect(page.getByText('Aucun signalement à traiter.')).toBeVisible();
  await page.getByRole('button', { name: 'Traités' }).click();
  await expect(page.getByTestId('reports').getByRole('row', { name: /BERNARD Julie/ })).toContainText(/Lien déplacé vers .*LEROY Anne/);

  await desk.openRecord('Élèves', 'Tom', /LEROY Tom|Tom LEROY/);
  const guardians = page.getByRole('table', { name: /Responsables de/ });
  await expect(guardians.getByRole('link', { name: /LEROY Anne/ })).toBeVisible();
  await expect(guardians.getByRole('link', { name: /BERNARD Julie/ })).toHaveCount(0);
});

test('reverts an edit, which is itself a new change, each signed by who acts', async ({ page, app }) => {
  await importSheet(page, app.url);
  const desk = new CorrectionsPage(page);
  // « Qui êtes-vous ? »: with no staff yet nothing blocks; a name is added from the header.
  // The edit and its revert are two history rows (import creations are whole-record rows).
  await page.getByRole('button', { name: 'Ajouter un nom' }).click();
  await page.getByLabel('Nouveau nom').fill('Camille Roux');
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page.getByLabel('Vous êtes')).toHaveValue(/.+/);
  await expect(page.getByLabel('Vous êtes').locator('option:checked')).toHaveText('Camille Roux');
  await desk.openRecord('Élèves', 'Tom', /LEROY Tom|Tom LEROY/);
  await desk.edit();
  await expect(page.getByLabel('Date de naissance')).toHaveValue('30/09/2013');
  // Straight from a field to « Enregistrer » with the mouse: the save refuses and says why, focus on
  // the first field to fix (a message appearing as the field was left used to move the button from
  // under the pointer, and the click did nothing).
  await page.getByLabel('Nom', { exact: true }).fill('');
  await page.getByLabel('Date de naissance').fill('31/02/2013');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('alert')).toContainText('2 champs sont à corriger');
  await expect(page.getByLabel('Nom', { exact: true })).toBeFocused();
  await page.getByLabel('Nom', { exact: true }).fill('LEROY');
  // Refused as the import refuses it, as soon as the field is left, next to the field.
  await page.getByLabel('Date de naissance').fill('31/02/2013');
  await page.getByLabel('Date de naissance').press('Tab');
  await expect(page.getByLabel('Date de naissance')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#student-birthDate-error')).toContainText('Date impossible');
  // Typing a date that reads takes the message away at once, so the very next click on
  // « Enregistrer » lands (a message vanishing on blur used to move the button under the click).
  await page.getByLabel('Date de naissance').fill('1 octobre 2013');
  await expect(page.getByLabel('Date de naissance')).not.toHaveAttribute('aria-invalid', 'true');
  await desk.save();
  await expect(desk.saved()).toBeVisible();
  await expect(page.getByLabel('Date de naissance')).toHaveValue('01/10/2013');
  await expectNoSeriousA11yViolations(page);

  const edit = desk.history().getByRole('row', { name: /Date de naissance/ }).filter({ hasText: 'Modification' }).first();
  await expect(edit).toContainText('Camille Roux');
  await edit.getByRole('button', { name: /Annuler cette modification/ }).click();
  await expect(page.getByText(/Modification annulée/)).toBeVisible();
  await expect(page.getByLabel('Date de naissance')).toHaveValue('30/09/2013');
  await expect(desk.history().getByRole('row', { name: /Date de naissance/ })).toHaveCount(2);
  await expect(desk.history().getByRole('row', { name: /Date de naissance/ }).filter({ hasText: 'Annulation' })).toHaveCount(1);
});

test('asks « Qui êtes-vous ? » at start once staff names exist', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Ajouter un nom' }).click();
  await page.getByLabel('Nouveau nom').fill('Samia Benali');
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page.getByLabel('Vous êtes').locator('option:checked')).toHaveText('Samia Benali');

  await app.restart();
  await page.goto(app.url);
  const dialog = page.getByRole('dialog', { name: 'Qui êtes-vous ?' });
  await expect(dialog).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  // The names are the dialog's whole point: drawn in the primary colours, not white on white.
  const colours = await dialog.getByRole('button', { name: 'Samia Benali' }).evaluate((b) => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]);
  expect(colours[1]).not.toBe(colours[0]);
  expect(colours[1]).not.toBe('rgb(255, 255, 255)');
  await dialog.getByRole('button', { name: 'Samia Benali' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByLabel('Vous êtes').locator('option:checked')).toHaveText('Samia Benali');
});

test('resolves not-my-child reports by unlinking, and by rejecting with a reason for the parent', async ({ page, app }) => {
  // An import and a dozen round trips: longer than the default budget on a loaded machine.
  test.slow();
  await importSheet(page, app.url);
  const desk = new CorrectionsPage(page);
  await desk.openReports();
  await desk.recordReport('LEROY', /Choisir LEROY Anne/, 'PETIT Jules (CE2)', 'Ce garçon n’est pas mon fils.');
  await expect(desk.reportRow(/LEROY Anne/)).toContainText('Ce garçon n’est pas mon fils.');
  await desk.recordReport('BERNARD', /Choisir BERNARD Julie/, 'LEROY Tom (5B)', 'Je ne connais pas Tom.');
  await expect(desk.reportRow(/BERNARD Julie/)).toContainText('Je ne connais pas Tom.');

  // Unlink: this person is not the child's guardian.
  let dialog = await desk.resolveReport(/LEROY Anne/);
  // No decision is taken in advance: « Valider » alone asks for one and removes nothing.
  await expect(dialog.getByRole('radio', { checked: true })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Valider' }).click();
  await expect(dialog.getByText('Choisissez une décision.').first()).toBeVisible();
  await dialog.getByLabel(/Retirer le lien/).check();
  await dialog.getByLabel('Note (facultative)').fill('Erreur de saisie de la fiche.');
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole('button', { name: 'Valider' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signalement traité.' })).toBeVisible();
  await expect(desk.reportRow(/LEROY Anne/)).toHaveCount(0);

  // Reject: nothing is wrong; the reason is required and kept for the parent.
  dialog = await desk.resolveReport(/BERNARD Julie/);
  await dialog.getByLabel(/Refuser/).check();
  await dialog.getByRole('button', { name: 'Valider' }).click();
  await expect(dialog.getByRole('alert').first()).toBeVisible();
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Raison donnée au parent').fill('Tom est bien votre fils selon sa fiche d’inscription.');
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole('button', { name: 'Valider' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signalement traité.' })).toBeVisible();
  await expect(page.getByText('Aucun signalement à traiter.')).toBeVisible();

  await page.getByRole('button', { name: 'Traités', exact: true }).click();
  await expect(desk.reportRow(/LEROY Anne/)).toContainText('Lien retiré');
  await expect(desk.reportRow(/BERNARD Julie/)).toContainText('Refusé');
  await expect(desk.reportRow(/BERNARD Julie/)).toContainText('Tom est bien votre fils selon sa fiche d’inscription.');
  await expectNoSeriousA11yViolations(page);

  // The register: Jules lost the wrong link and kept his mother; Tom kept his.
  await desk.openRecord('Élèves', 'Jules', /PETIT Jules|Jules PETIT/);
  await expect(desk.guardiansOfStudent().getByRole('link', { name: /PETIT Nadia/ })).toBeVisible();
  await expect(desk.guardiansOfStudent().getByRole('link', { name: /LEROY Anne/ })).toHaveCount(0);
  await desk.openRecord('Élèves', 'Tom', /LEROY Tom|Tom LEROY/);
  await expect(desk.guardiansOfStudent().getByRole('link', { name: /BERNARD Julie/ })).toBeVisible();
});

// Mobiles typed the German way on sheets without a country: unreadable as French numbers at import.
const abroadSheet = [
  'NOM;PRENOM;DATE NAISS;DIV.;NOM RESP LEG 1;PRENOM RESP LEG 1;TEL PORTABLE RL1;COURRIEL RL1',
  'MULLER;Lena;03/05/2014;6A;MULLER;Anna;01512 3456789;anna.muller@example.de',
  'SCHMIDT;Paul;12/11/2015;CM2;SCHMIDT;Jonas;0170 1234567;jonas.schmidt@example.de',
  'MARTIN;Léo;01/02/2015;CE2;MARTIN;Sophie;12 34;sophie.martin@example.fr',
].join('\r\n');

test('applies the safe phone normalisation to all from the desk, leaving what still cannot be read', async ({ page, app }) => {
  // An import and a dozen round trips: longer than the default budget on a loaded machine.
  test.slow();
  await page.goto(app.url);
  const wizard = new ImportPage(page);
  await wizard.open();
  await wizard.chooseFile('export-etranger.csv', abroadSheet);
  await wizard.confirm();
  await expect(page.getByText(/Import terminé/i)).toBeVisible();

  const desk = new CorrectionsPage(page);
  // Staff learn the two families live in Germany: the raw numbers now read as German mobiles.
  for (const name of ['MULLER Anna', 'SCHMIDT Jonas']) {
    await desk.openDesk();
    await desk.kind('guardian.invalid_mobile').click();
    await page.getByRole('link', { name: new RegExp(`Corriger .*${name}`) }).click();
    await page.getByLabel('Pays', { exact: true }).fill('Allemagne');
    await desk.save();
    await expect(desk.saved()).toBeVisible();
  }

  await desk.openDesk();
  await desk.kind('guardian.invalid_mobile').click();
  await expect(desk.kind('guardian.invalid_mobile')).toContainText('3');
  const list = page.getByTestId('anomaly-list');
  await expect(list.getByRole('button', { name: /^Utiliser \+49/ })).toHaveCount(2);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Appliquer les 2 corrections sûres' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 corrections appliquées.' })).toBeVisible();
  await expect(desk.kind('guardian.invalid_mobile')).toContainText('1');
  await expect(list.getByRole('link', { name: /Corriger .*MARTIN Sophie/ })).toBeVisible();
  await expect(list.getByRole('link', { name: /MULLER Anna|SCHMIDT Jonas/ })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  // The register: the normalised number is on the record, with its history row.
  await desk.openRecord('Responsables', 'MULLER', /MULLER Anna|Anna MULLER/);
  await expect(page.getByText(/\+49 1512 3456789|\+49 151 23456789|\+4915123456789/).first()).toBeVisible();
  await expect(desk.history().getByRole('row', { name: /Portable/ }).first()).toContainText('Modification');
});

test('manages staff names: add, fix a typo, deactivate someone who left, reactivate', async ({ page, app }) => {
  await page.goto(app.url);
  const desk = new CorrectionsPage(page);
  await desk.openSchool();
  const staff = desk.staff();
  await expect(staff.getByRole('heading', { level: 2, name: 'Personnel' })).toBeVisible();
  for (const name of ['Mme Durnad', 'M. Leroy']) {
    await staff.getByLabel('Ajouter une personne').fill(name);
    await staff.getByRole('button', { name: 'Ajouter à la liste' }).click();
    await expect(staff.getByRole('row', { name: new RegExp(name) })).toContainText('Actif');
  }
  // A duplicate is refused next to the field.
  await staff.getByLabel('Ajouter une personne').fill('m. leroy');
  await staff.getByRole('button', { name: 'Ajouter à la liste' }).click();
  await expect(staff.locator('#staff-add-error')).toContainText('déjà');
  await expect(staff.getByLabel('Ajouter une personne')).toHaveAttribute('aria-invalid', 'true');

  await staff.getByRole('button', { name: 'Renommer Mme Durnad' }).click();
  await expect(staff.getByLabel('Nouveau nom pour Mme Durnad')).toBeFocused();
  await staff.getByLabel('Nouveau nom pour Mme Durnad').fill('Mme Durand');
  await staff.getByRole('button', { name: 'Enregistrer le nom' }).click();
  await expect(staff.getByRole('status')).toContainText('Mme Durnad s’appelle désormais Mme Durand.');
  await expect(staff.getByRole('row', { name: /Mme Durand/ })).toBeVisible();
  const picker = page.getByLabel('Vous êtes');
  await expect(picker.locator('option')).toHaveText(['Secrétariat (sans nom)', 'M. Leroy', 'Mme Durand']);
  await expectNoSeriousA11yViolations(page);

  // Someone who left vanishes from « Vous êtes »; the last active person cannot be deactivated.
  await staff.getByRole('button', { name: 'Désactiver M. Leroy' }).click();
  await expect(staff.getByRole('row', { name: /M\. Leroy/ })).toContainText('Désactivé');
  await expect(picker.locator('option')).toHaveText(['Secrétariat (sans nom)', 'Mme Durand']);
  await staff.getByRole('button', { name: 'Désactiver Mme Durand' }).click();
  await expect(staff.getByRole('alert').filter({ hasText: 'Mme Durand est la dernière personne active' })).toBeVisible();
  await expect(staff.getByRole('row', { name: /Mme Durand/ })).toContainText('Actif');

  await staff.getByRole('button', { name: 'Réactiver M. Leroy' }).click();
  await expect(staff.getByRole('row', { name: /M\. Leroy/ })).toContainText('Actif');
  await expect(picker.locator('option')).toHaveText(['Secrétariat (sans nom)', 'M. Leroy', 'Mme Durand']);
  await expectNoSeriousA11yViolations(page);
});
