import { expect, type Download, type Page } from '@playwright/test';

/** The « Courriers » page and the letter part of a guardian's page, in the words of staff. */
export class LettersPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Courriers' }).click();
  }

  async previewClass(division: string): Promise<void> {
    await this.page.getByLabel('Une classe').check();
    await this.page.getByLabel('Classe', { exact: true }).selectOption({ value: division });
    await this.page.getByRole('button', { name: 'Voir les courriers' }).click();
  }

  async print(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Imprimer les courriers', exact: true }).click();
    return download;
  }

  async printSingle(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Courrier de notification' }).click();
    return download;
  }

  /** Printed again: nothing is issued before « Imprimer et remplacer » in the step that asks first. */
  async printSingleReplacing(): Promise<Download> {
    await this.page.getByRole('button', { name: 'Courrier de notification' }).click();
    const ask = this.page.getByRole('alertdialog', { name: 'Remplacer des courriers déjà imprimés ?' });
    await expect(ask).toContainText('1 courrier remplacera un courrier déjà imprimé');
    await expect(ask.getByRole('button', { name: 'Annuler' })).toBeFocused();
    const download = this.page.waitForEvent('download');
    await ask.getByRole('button', { name: 'Imprimer et remplacer' }).click();
    return download;
  }

  /** The checkbox of a row in the Responsables or Élèves list, by the person's name. */
  rowCheckbox(name: string) {
    return this.page.getByRole('checkbox', { name: `Sélectionner ${name}` });
  }

  selectionCount() {
    return this.page.getByTestId('selection-count');
  }

  async selectAllShown(): Promise<void> {
    await this.page.getByRole('button', { name: /^Tout sélectionner/ }).click();
  }

  /** « Imprimer les courriers (N) » under a list: opens the preview of the batch (nothing issued yet). */
  async previewSelection(): Promise<void> {
    await this.page.getByRole('button', { name: /^Imprimer les courriers.*\(/ }).click();
    await this.page.getByRole('heading', { level: 2, name: /^(Sélection de|Lettre individuelle|Responsables de)/ }).waitFor();
  }

  /** From a list: the preview, then « Imprimer les courriers » in it; waits for the PDF download. */
  async printSelection(): Promise<Download> {
    await this.previewSelection();
    return this.print();
  }

  planned() {
    return this.page.getByTestId('letters-planned');
  }

  excluded() {
    return this.page.getByTestId('letters-excluded');
  }

  log() {
    return this.page.getByTestId('letter-log');
  }
}
