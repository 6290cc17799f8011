import type { Page } from '@playwright/test';

/** The Élèves and Responsables lists and their detail pages. */
export class RecordsPage {
  constructor(private readonly page: Page) {}

  async openGuardians(): Promise<void> {
    await this.page.getByRole('link', { name: 'Responsables' }).click();
  }

  async openStudents(): Promise<void> {
    await this.page.getByRole('link', { name: 'Élèves' }).click();
  }

  async searchFor(text: string): Promise<void> {
    await this.page.getByLabel('Rechercher').fill(text);
  }

  async openRecord(name: string | RegExp): Promise<void> {
    await this.page.getByRole('link', { name }).first().click();
  }
}
