import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export interface SesameApp {
  url: string;
  dbPath: string;
  /** Stops the server (SIGTERM: the register is checkpointed and unlocked) and starts it again on the same register. */
  restart(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

async function startServer(dbPath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(root, 'dist/browser/server.js'), '--db', dbPath, '--port', '0'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`browser-mode server did not start:\n${out}\n${err}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser-mode server exited (${code}):\n${out}\n${err}`));
    });
  });
  return { child, url };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

export const test = base.extend<{ app: SesameApp }>({
  // Playwright reads the fixture list from the destructuring pattern, even when it is empty.
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sesame-e2e-'));
    const dbPath = path.join(dir, 'registre.sesame');
    let server = await startServer(dbPath);
    const app: SesameApp = {
      get url() {
        return server.url;
      },
      dbPath,
      async restart() {
        await stopServer(server.child);
        server = await startServer(dbPath);
      },
    };
    await use(app);
    await stopServer(server.child);
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };

/** Fails on any serious or critical axe violation, listing them readably. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}
