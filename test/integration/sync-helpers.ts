// The app's core against the real account service on a loopback port (PGlite, or PostgreSQL when
// SESAME_TEST_DATABASE_URL is set), plus a fault-injecting proxy between them.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../electron/core/app';
import { configureSync } from '../../electron/core/sync/engine';
import { school, startWorld, type Backend, type World } from '../../service/test/harness';
import { importAll, utf8 } from './import-helpers';

export { backends } from '../../service/test/harness';

export interface ServiceUnderTest {
  world: World;
  url: string;
  token: string;
  schoolId: string;
  close(): Promise<void>;
}

export async function startService(backend: Backend): Promise<ServiceUnderTest> {
  const world = await startWorld(backend);
  await world.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (world.app.server.address() as AddressInfo).port;
  const s = await school(world);
  return { world, url: `http://127.0.0.1:${port}`, token: s.token, schoolId: s.id, close: () => world.close() };
}

export interface AppUnderTest {
  core: Core;
  dir: string;
  dbPath: string;
  reopen(): Promise<Core>;
  close(): Promise<void>;
}

/** A real core on a register file in a temp dir, with instant retries (no real sleeping). */
export async function startApp(): Promise<AppUnderTest> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sesame-sync-'));
  const dbPath = path.join(dir, 'registre.sesame');
  const open = async () => {
    const core = await createCore({ dbPath, checkOutput: true });
    configureSync(core.ctx, { retry: { attempts: 3, baseMs: 1, capMs: 5, random: () => 0.5, sleep: async () => undefined }, timeoutMs: 5_000 });
    return core;
  };
  const app: AppUnderTest = {
    core: await open(),
    dir,
    dbPath,
    async reopen() {
      await app.core.close();
      app.core = await open();
      return app.core;
    },
    async close() {
      await app.core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return app;
}

export async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`call failed: ${r.error.message}`);
  return r.value;
}

/** Two families: the Durand parents with two children, and the Martin mother with one. */
export const SHEET = [
  'NOM;PRENOM;DATE NAISS;DIV.;NOM RESP LEG 1;PRENOM RESP LEG 1;TEL PORTABLE RL1;COURRIEL RL1;NOM RESP LEG 2;PRENOM RESP LEG 2;TEL PORTABLE RL2;COURRIEL RL2',
  'DURAND;Léo;03/05/2014;6A;DURAND;Sophie;06 12 34 56 78;sophie.durand@example.fr;DURAND;Marc;07 81 22 33 44;marc.durand@example.fr',
  'DURAND;Inès;20/11/2016;CM1;DURAND;Sophie;0612345678;sophie.durand@example.fr;DURAND;Marc;0781223344;',
  'MARTIN;Zoé;30/09/2013;5B;MARTIN;Claire;06 98 76 54 32;claire.martin@example.fr;;;;',
].join('\r\n');

export async function importSheet(core: Core, text = SHEET): Promise<void> {
  await importAll(core.ctx, [{ name: 'siecle.csv', bytes: utf8(text) }]);
}

export const guardianId = (core: Core, first: string): string =>
  core.db.get<{ id: string }>('SELECT id FROM guardian WHERE first_name = ?', [first])!.id;
export const studentId = (core: Core, first: string): string =>
  core.db.get<{ id: string }>('SELECT id FROM student WHERE first_name = ?', [first])!.id;

export type Fault = 'none' | 'down' | 'error500' | 'slow' | 'cutAfterCommit';

/**
 * A proxy in front of the service that misbehaves on request: answers 500, holds answers, refuses
 * connections, or forwards a request and then cuts the connection once the service has answered
 * (so the service committed but the app never hears it).
 */
export async function startFaultProxy(upstream: string): Promise<{
  url: string;
  set(fault: Fault, times?: number, onlyPath?: string): void;
  seen: string[];
  close(): Promise<void>;
}> {
  const target = new URL(upstream);
  let fault: Fault = 'none';
  let remaining = 0;
  let pathFilter: string | undefined;
  const seen: string[] = [];
  const forward = (req: IncomingMessage, body: Buffer, done: (status: number, headers: IncomingMessage['headers'], data: Buffer) => void) => {
    const up = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(res.statusCode ?? 502, res.headers, Buffer.concat(chunks)));
      },
    );
    up.end(body);
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const applies = remaining > 0 && (!pathFilter || (req.url ?? '').startsWith(pathFilter));
      const current = applies ? fault : 'none';
      if (applies) remaining--;
      seen.push(`${req.method} ${(req.url ?? '').split('?')[0]} ${current}`);
      switch (current) {
        case 'down':
          req.socket.destroy();
          return;
        case 'error500':
          res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"code":"internal","message":"panne"}}');
          return;
        case 'cutAfterCommit':
          forward(req, body, () => req.socket.destroy());
          return;
        case 'slow':
          forward(req, body, (status, headers, data) => setTimeout(() => res.writeHead(status, headers).end(data), 2500));
          return;
        case 'none':
          forward(req, body, (status, headers, data) => res.writeHead(status, headers).end(data));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    set(f, times = Infinity, onlyPath) {
      fault = f;
      remaining = times;
      pathFilter = onlyPath;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
