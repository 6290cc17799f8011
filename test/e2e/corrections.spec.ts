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
  await importSheet(page, app.url);
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
  await expect(page.getByTestId('phone-preview')).toContainText('+33645454545');
  await desk.save();
  await expect(desk.saved()).toBeVisible();

  await desk.openDesk();
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
  await dialog.getByRole('button', { name: /Choisir LEROY Anne/ }).click();
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole('button', { name: 'Valider' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signalement traité.' })).toBeVisible();
  await expect(page.getByText('Aucun signalement à traiter.')).toBeVisible();

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
  // Refused as the import refuses it, as soon as the field is left, next to the field.
  await page.getByLabel('Date de naissance').fill('31/02/2013');
  await page.getByLabel('Date de naissance').press('Tab');
  await expect(page.getByLabel('Date de naissance')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#student-birthDate-error')).toContainText('Date de naissance');
  await page.getByLabel('Date de naissance').fill('1 octobre 2013');
  await page.getByLabel('Date de naissance').press('Tab');
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
  await dialog.getByRole('button', { name: 'Samia Benali' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByLabel('Vous êtes').locator('option:checked')).toHaveText('Samia Benali');
});
