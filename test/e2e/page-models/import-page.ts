import type { Page } from '@playwright/test';

/** The import wizard, in the words of the person using it. */
export class ImportPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Importer' }).click();
  }

  async chooseFile(name: string, content: string | Buffer): Promise<void> {
    await this.page.getByLabel('Fichier de l’export').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
    });
    await this.page.getByRole('button', { name: 'Analyser le fichier' }).click();
  }

  count(id: string) {
    return this.page.getByTestId(`count-${id}`);
  }

  async confirm(): Promise<void> {
    await this.page.getByRole('button', { name: 'Importer', exact: true }).click();
  }
}
