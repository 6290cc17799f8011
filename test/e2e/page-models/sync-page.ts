import type { Page } from '@playwright/test';

/** The Synchronisation screen and the status bar, in the words of the person using them. */
export class SyncPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Synchronisation' }).click();
  }

  async configure(serviceUrl: string, token: string): Promise<void> {
    await this.page.getByLabel('Adresse du service de comptes').fill(serviceUrl);
    await this.page.getByLabel('Jeton de l’établissement').fill(token);
    await this.page.getByRole('button', { name: 'Enregistrer' }).click();
  }

  async syncNow(): Promise<void> {
    await this.page.getByRole('button', { name: 'Synchroniser maintenant' }).click();
  }

  statusBar() {
    return this.page.getByTestId('sync-status');
  }
}
