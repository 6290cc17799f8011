import type { Page } from '@playwright/test';

/** « À corriger », edit forms, merges and the « Signalements » desk, in the words of the person using them. */
export class CorrectionsPage {
  constructor(private readonly page: Page) {}

  async openDesk(): Promise<void> {
    await this.page.getByRole('link', { name: /^À corriger/ }).click();
  }

  async openReports(): Promise<void> {
    await this.page.getByRole('link', { name: /^Signalements/ }).click();
  }

  kind(kind: string) {
    return this.page.getByTestId(`kind-${kind}`);
  }

  async edit(): Promise<void> {
    await this.page.getByRole('link', { name: 'Modifier', exact: true }).click();
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  }

  saved() {
    return this.page.getByRole('status').filter({ hasText: 'Modifications enregistrées.' });
  }

  history() {
    return this.page.getByTestId('history');
  }

  /** Opens a guardian's or student's page through the list search. */
  async openRecord(list: 'Responsables' | 'Élèves', search: string, name: string | RegExp): Promise<void> {
    await this.page.getByRole('link', { name: new RegExp(`^${list}`) }).click();
    await this.page.getByLabel('Rechercher').fill(search);
    await this.page.getByRole('link', { name }).first().click();
  }
}
