// What the letters specs share: a real account service on a loopback port, a private folder for
// the PDFs, and the way to an app whose register is imported and synced (letters need accounts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { school, startWorld, type World } from '../../service/test/harness';
import { expect, test } from './fixtures';
import { ImportPage } from './page-models/import-page';

export interface LettersService {
  /** A private folder for the PDFs the test saves. */
  readonly dir: string;
  /** `nameSchool: false` leaves the school unnamed, as at first start (letters then refuse to print). */
  importAndSync(page: Page, appUrl: string, sheet: string, options?: { nameSchool?: boolean }): Promise<void>;
}

/** Starts the service before the file's tests and stops it after. */
export function useLettersService(prefix: string): LettersService {
  let w: World;
  let serviceUrl = '';
  let token = '';
  let dir = '';
  test.beforeAll(async () => {
    w = await startWorld('pglite');
    await w.app.listen({ port: 0, host: '127.0.0.1' });
    const address = w.app.server.address();
    serviceUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    token = (await school(w)).token;
    dir = mkdtempSync(path.join(tmpdir(), `sesame-e2e-${prefix}-`));
  });
  test.afterAll(async () => {
    await w?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    /** Imports `sheet` through the wizard, then configures the service and runs a first sync. */
    async importAndSync(page, appUrl, sheet, options = {}) {
      await page.goto(appUrl);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const wizard = new ImportPage(page);
      await wizard.open();
      await wizard.chooseFile('siecle.csv', sheet);
      await wizard.confirm();
      await expect(page.getByText(/Import terminé/i)).toBeVisible();

      // The service settings screen belongs to the sync feature; here the bridge is enough.
      const u = new URL(appUrl);
      const appToken = new URLSearchParams(u.hash.slice(1)).get('token') ?? '';
      const invoke = async (name: string, input: unknown) => {
        const res = await fetch(new URL('/api/invoke', u.origin), {
          method: 'POST',
          headers: { authorization: `Bearer ${appToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name, input }),
        });
        return (await res.json()) as { ok: boolean };
      };
      expect((await invoke('sync.settings.set', { serviceUrl, token })).ok && (await invoke('sync.run', {})).ok).toBe(true);
      if (options.nameSchool !== false) {
        expect((await invoke('school.update', { uai: null, name: 'Collège Jean Jaurès', address: null, departement: '31' })).ok).toBe(true);
      }
    },
  };
}

/** The text of a PDF as poppler reads it: what a parent's eyes and a screen reader get. */
export const pdfText = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
