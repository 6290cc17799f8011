// Browser mode end to end at the HTTP level: the built server process (dist/browser/server.js)
// on a random port with a temporary register.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { Host: `127.0.0.1:${port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('browser-mode server', () => {
  let dir: string;
  let dbPath: string;
  let child: ChildProcessWithoutNullStreams;
  let port: number;
  let token: string;
  let stdout = '';

  const invoke = (name: string, input: unknown, headers: Record<string, string> = {}) =>
    request(port, {
      method: 'POST',
      path: '/api/invoke',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ name, input }),
    });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sesame-browser-'));
    dbPath = path.join(dir, 'registre.sesame');
    execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-needed', '--only=browser'], { cwd: root, stdio: 'ignore' });
    child = spawn(process.execPath, ['dist/browser/server.js', '--port', '0', '--db', dbPath], {
      cwd: root,
      env: { ...process.env, SESAME_PORT: '', SESAME_DB: '' },
    });
    child.stderr.on('data', () => undefined);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${stdout}`)), 45_000);
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString('utf8');
        const m = /Sésame est prêt : http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+)/.exec(stdout);
        if (m && stdout.includes('Registre :')) {
          clearTimeout(timer);
          port = Number(m[1]);
          token = m[2]!;
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${stdout}`)));
    });
  });

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the address with a 256-bit token and the register path', () => {
    expect(port).toBeGreaterThan(0);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(stdout).toContain(`Registre : ${dbPath}`);
  });

  it('answers app.info with a Result envelope', async () => {
    const res = await invoke('app.info', {});
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(res.body);
    expect(body.ok).toBe(true);
    expect(body.value.dbPath).toBe(dbPath);
  });

  it('returns failed calls as envelopes with HTTP 200', async () => {
    const res = await invoke('nope.nothing', {});
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });

  it('refuses a missing or wrong token with 401', async () => {
    const none = await request(port, { method: 'POST', path: '/api/invoke', body: '{"name":"app.info","input":{}}' });
    expect(none.status).toBe(401);
    const wrong = await invoke('app.info', {}, { Authorization: `Bearer ${token.slice(1)}x` });
    expect(wrong.status).toBe(401);
    const events = await request(port, { path: '/api/events?token=wrong' });
    expect(events.status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    const host = await invoke('app.info', {}, { Host: `evil.example:${port}` });
    expect(host.status).toBe(421);
    const page = await request(port, { path: '/', headers: { Host: 'evil.example' } });
    expect(page.status).toBe(421);
    const origin = await invoke('app.info', {}, { Origin: 'http://evil.example' });
    expect(origin.status).toBe(403);
    const ok = await invoke('app.info', {}, { Origin: `http://127.0.0.1:${port}`, Host: `localhost:${port}` });
    expect(ok.status).toBe(200);
  });

  it('answers malformed JSON with 400 and a French message', async () => {
    const res = await request(port, {
      method: 'POST',
      path: '/api/invoke',
      headers: { Authorization: `Bearer ${token}` },
      body: '{"name": ',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.message).toMatch(/JSON/);
  });

  it('serves the page with security headers and never leaves the static folder', async () => {
    const res = await request(port, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/%2e%2e%5cpackage.json']) {
      const r = await request(port, { path: p });
      expect(r.body).not.toContain('"devDependencies"');
    }
  });

  it('pushes core events over SSE', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port, path: `/api/events?token=${encodeURIComponent(token)}`, headers: { Host: `127.0.0.1:${port}` } },
        (res) => {
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
          let buffer = '';
          res.on('data', (c: Buffer) => {
            buffer += c.toString('utf8');
            const m = /^data: (.*)$/m.exec(buffer);
            if (m) {
              req.destroy();
              resolve(m[1]!);
            }
          });
          // Once the stream is open, make a change that emits an event.
          void invoke('school.update', { uai: null, name: 'Collège des Tests', address: null, departement: null });
        },
      );
      req.on('error', reject);
    });
    const event = JSON.parse(await received);
    expect(event).toEqual({ type: 'register.changed', entities: ['school'] });
  });

  it('closes the register cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(`${dbPath}.lock`)).toBe(false);
    expect(existsSync(dbPath)).toBe(true);
  });
});
