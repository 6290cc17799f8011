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

  async openSchool(): Promise<void> {
    await this.page.getByRole('link', { name: /^Établissement/ }).click();
  }

  /** The « Personnel » section of the « Établissement » page. */
  staff() {
    return this.page.getByTestId('staff');
  }

  /** Records a report taken by phone, choosing the parent and then one of their children. */
  async recordReport(parentSearch: string, parent: RegExp, child: string, comment: string): Promise<void> {
    await this.page.getByLabel('Parent qui signale').fill(parentSearch);
    await this.page.getByRole('button', { name: parent }).click();
    await this.page.getByLabel('Enfant qui n’est pas le sien').selectOption({ label: child });
    await this.page.getByLabel('Ce que dit le parent').fill(comment);
    await this.page.getByRole('button', { name: 'Enregistrer le signalement' }).click();
  }

  reportRow(parent: RegExp) {
    return this.page.getByTestId('reports').getByRole('row', { name: parent });
  }

  /** Opens the resolution dialog of a parent's open report. */
  async resolveReport(parent: RegExp) {
    await this.reportRow(parent).getByRole('button', { name: /Traiter le signalement/ }).click();
    return this.page.getByRole('dialog', { name: 'Traiter le signalement' });
  }

  /** The table of a student's guardians, on the student's page. */
  guardiansOfStudent() {
    return this.page.getByRole('table', { name: /Responsables de/ });
  }

  /** Opens a guardian's or student's page through the list search. */
  async openRecord(list: 'Responsables' | 'Élèves', search: string, name: string | RegExp): Promise<void> {
    await this.page.getByRole('link', { name: new RegExp(`^${list}`) }).click();
    await this.page.getByLabel('Rechercher').fill(search);
    await this.page.getByRole('link', { name }).first().click();
  }
}
