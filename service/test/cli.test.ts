import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLetter23 } from '../../shared/domain/checkLetter';

// The real command, as a person runs it: a server on an embedded database, and admin commands
// that reach it while it runs.
const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = join(root, 'service', 'cli.ts');

describe('sesame-service command', () => {
  const data = mkdtempSync(join(tmpdir(), 'sesame-service-cli-'));
  const env = { ...process.env, DATABASE_URL: '' };
  const server = spawn(tsx, [cli, 'serve', '--data', data, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const ready = new Promise<string>((resolve, reject) => {
    server.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      const m = /prêt sur (http:\/\/\S+)/.exec(stderr);
      if (m) resolve(m[1]!);
    });
    server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  const run = (...args: string[]) => {
    const r = spawnSync(tsx, [cli, ...args, '--data', data], { env, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  afterAll(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.on('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(data, { recursive: true, force: true });
  });

  it('refuses to send real SMS without a shared code key, before opening anything', () => {
    const other = mkdtempSync(join(tmpdir(), 'sesame-service-nokey-'));
    try {
      const r = spawnSync(tsx, [cli, 'serve', '--data', other, '--port', '0'], {
        env: { ...env, SMS_GATEWAY_URL: 'http://127.0.0.1:9/sms', SESAME_CODE_KEY: '' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('SESAME_CODE_KEY manquant');
      expect(r.stderr).not.toContain('prêt sur');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('serves, registers a school, opens a département and lists the recorded SMS', async () => {
    const url = await ready;
    // The start lines after « prêt sur » may come in a later chunk of stderr.
    for (const until = Date.now() + 10_000; !stderr.includes('Codes SMS') && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    expect(stderr).toContain('Codes SMS : clé aléatoire de ce processus');
    const uai = `0310001${checkLetter23('0310001')}`;
    expect(run('school', 'add', '--uai', '0310001Z', '--name', 'X', '--departement', '31').stderr).toMatch(/clé de contrôle/);
    const add = run('school', 'add', '--uai', uai.toLowerCase(), '--name', 'Collège Jean Jaurès', '--departement', '31');
    expect(add.code, add.stderr).toBe(0);
    const token = add.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(run('school', 'add', '--uai', uai, '--name', 'Autre', '--departement', '31').stderr).toMatch(/déjà enregistré/);
    expect(run('departement', 'open', '31', '--from', '2020-01-01').code).toBe(0);

    const changes = [
      { key: 'k1', entity: 'guardian', id: 'g1', op: 'upsert', baseVersion: 0, data: { lastName: 'Dupont', firstName: 'Anne', phone: '+33612345678' } },
      { key: 'k2', entity: 'student', id: 's1', op: 'upsert', baseVersion: 0, data: { lastName: 'Dupont', firstName: 'Léa', birthDate: '2014-05-03' } },
      { key: 'k3', entity: 'guardianship', id: 'l1', op: 'upsert', baseVersion: 0, data: { studentId: 's1', guardianId: 'g1' } },
    ];
    const pushed = await fetch(`${url}/school/v1/changes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ changes }),
    });
    expect(((await pushed.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const started = await fetch(`${url}/parent/v1/activation/sms/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"phone":"06 12 34 56 78"}' });
    expect(started.status).toBe(200);

    const messages = run('messages', '--json');
    expect(messages.code, messages.stderr).toBe(0);
    const list = JSON.parse(messages.stdout) as { channel: string; to: string; text: string }[];
    expect(list).toEqual([expect.objectContaining({ channel: 'sms', to: '+33612345678', text: expect.stringMatching(/\d{6}/) })]);

    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    // tsx relays the signal to its own node child and may exit before that child has closed the
    // database and removed its file: wait for the file, which goes only once PGlite is closed.
    const gone = Date.now() + 15_000;
    while (existsSync(join(data, 'server.json')) && Date.now() < gone) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(join(data, 'server.json'))).toBe(false);
    // With the server stopped, the commands open the database themselves.
    expect(JSON.parse(run('departement', 'list', '--json').stdout)).toEqual([{ departement: '31', opensAt: expect.stringMatching(/^20(19|20)-/) }]);
  }, 240_000);
});
