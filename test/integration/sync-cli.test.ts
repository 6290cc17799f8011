// `sesame config` and `sesame sync --json` as a person runs them: the built dist/cli.js in a real
// process, against the real account service on a loopback port.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEET, startService, type ServiceUnderTest } from './sync-helpers';

const root = path.resolve(import.meta.dirname, '../..');

function sesame(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'dist/cli.js'), ...args], { cwd: root, env: { ...process.env, SESAME_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('sesame config / sesame sync', () => {
  let svc: ServiceUnderTest;
  let dir: string;
  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-needed', '--only=cli'], { cwd: root, stdio: 'ignore' });
    svc = await startService('pglite');
    dir = mkdtempSync(path.join(os.tmpdir(), 'sesame-sync-cli-'));
  }, 180_000);
  afterAll(async () => {
    await svc?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('configures, pushes an import and prints the counts; the token is never printed back', async () => {
    const db = path.join(dir, 'registre.sesame');
    const sheet = path.join(dir, 'siecle.csv');
    writeFileSync(sheet, SHEET);
    expect((await sesame('import', sheet, '--db', db, '--json')).code).toBe(0);

    const notConfigured = await sesame('sync', '--db', db, '--json');
    expect(notConfigured.code).toBe(1);
    expect(notConfigured.stderr).toMatch(/non configurée/);

    const badUrl = await sesame('config', '--db', db, '--service', 'http://comptes.example.fr', '--token', svc.token);
    expect(badUrl.code).toBe(64);
    expect(badUrl.stderr).toMatch(/https:\/\//);

    const config = await sesame('config', '--db', db, '--service', svc.url, '--token', svc.token, '--json');
    expect(config.code, config.stderr).toBe(0);
    expect(JSON.parse(config.stdout)).toEqual({ serviceUrl: svc.url, tokenSet: true });
    expect(config.stdout + config.stderr).not.toContain(svc.token);
    expect(statSync(`${db}.secrets.json`).mode & 0o777).toBe(0o600);

    const run = await sesame('sync', '--db', db, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ pushed: 11, applied: 11, duplicates: 0, conflicts: 0, rejected: 0, pulled: 0 });
    const again = await sesame('sync', '--db', db, '--json');
    expect(JSON.parse(again.stdout)).toEqual({ pushed: 0, applied: 0, duplicates: 0, conflicts: 0, rejected: 0, pulled: 0 });
    expect(readFileSync(db).includes(Buffer.from(svc.token))).toBe(false);
  }, 180_000);

  it('says the service is out of reach, exits 1, and keeps the counts on stdout', async () => {
    const db = path.join(dir, 'hors-ligne.sesame');
    const sheet = path.join(dir, 'siecle2.csv');
    writeFileSync(sheet, SHEET);
    expect((await sesame('import', sheet, '--db', db)).code).toBe(0);
    // A loopback port nothing listens on.
    expect((await sesame('config', '--db', db, '--service', 'http://127.0.0.1:9', '--token', svc.token)).code).toBe(0);
    const run = await sesame('sync', '--db', db, '--json');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/injoignable/);
    expect(JSON.parse(run.stdout)).toMatchObject({ pushed: 0 });
  }, 180_000);
});
