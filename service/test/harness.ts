// Test harness for the account service: a real database (PGlite always, PostgreSQL when
// SESAME_TEST_DATABASE_URL is set), the real HTTP app, a real local SMTP server for emails and an
// HTTP sink standing in for the outside SMS provider.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { fixedClock, type SteppableClock } from '../../shared/clock';
import { checkLetter23 } from '../../shared/domain/checkLetter';
import { addSchool, openDepartement } from '../src/admin';
import { buildService, type Service } from '../src/app';
import type { ConfigInput } from '../src/config';
import { openDb } from '../src/db/open';
import { migrate, migrations } from '../src/db/migrations';
import { pgliteDb } from '../src/db/pglite';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../src/db/types';
import { smtpEmail } from '../src/notifier/smtp';
import { httpSmsGateway } from '../src/notifier/sms';
import { combineNotifier } from '../src/notifier/types';

export type Backend = 'pglite' | 'pg';

export const backends: Backend[] = process.env.SESAME_TEST_DATABASE_URL ? ['pglite', 'pg'] : ['pglite'];

/** A fresh, migrated database; on PostgreSQL a schema of its own, dropped by close(). */
export async function freshDb(backend: Backend): Promise<{ db: Db; close(): Promise<void> }> {
  if (backend === 'pglite') {
    const db = await pgliteDb(undefined, await pgliteTemplate());
    await migrate(db);
    return { db, close: () => db.close() };
  }
  const url = process.env.SESAME_TEST_DATABASE_URL!;
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const db = await openDb({ databaseUrl: url, schema });
  return {
    db,
    async close() {
      await db.query(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}

// PGlite's initdb costs seconds on a busy machine: every test database starts from one migrated
// dump, made once per machine and migration set (a file in the temp dir) and once per worker.
let template: Promise<Blob> | null = null;
function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const file = join(tmpdir(), `sesame-pglite-${createHash('sha256').update(JSON.stringify(migrations)).digest('hex').slice(0, 16)}.tar`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const db = await pgliteDb();
    await migrate(db);
    const dump = await db.dump();
    await db.close();
    const tmp = `${file}.${process.pid}`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
    return dump;
  })();
  return template;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
export async function startSmtp(): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const parsed = parseMail(Buffer.concat(chunks).toString('utf8'));
        mails.push({ ...parsed, to: session.envelope.rcptTo.map((r) => r.address).join(',') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// Just enough MIME for nodemailer's single-part text messages.
function parseMail(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const subject = header('Subject').replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, s: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(s, 'base64').toString('utf8') : qp(s.replace(/_/g, ' ')),
  );
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text = encoding === 'quoted-printable' ? qp(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  return { subject, text: text.replace(/\r\n/g, '\n').trim() };
}

function qp(s: string): string {
  const bytes: number[] = [];
  const src = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '=' && /^[0-9A-F]{2}$/i.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(src[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

export interface Sms {
  to: string;
  text: string;
}

/** Stands in for the SMS provider: records what the gateway adapter posts; can be told to fail. */
export async function startSmsSink(): Promise<{ url: string; sms: Sms[]; failNext(n?: number): void; close(): Promise<void> }> {
  const sms: Sms[] = [];
  let failures = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failures > 0) {
        failures--;
        res.writeHead(503).end();
        return;
      }
      sms.push(JSON.parse(body) as Sms);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    sms,
    failNext: (n = 1) => void (failures = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface World {
  db: Db;
  app: Service;
  clock: SteppableClock;
  mails: Mail[];
  sms: Sms[];
  smsSink: Awaited<ReturnType<typeof startSmsSink>>;
  close(): Promise<void>;
}

/** The whole service on a fresh database with real SMTP and an SMS sink. */
export async function startWorld(backend: Backend, config: ConfigInput = {}, shared?: Db, logStream?: NodeJS.WritableStream): Promise<World> {
  const { db, close: closeDb } = shared ? { db: shared, close: async () => undefined } : await freshDb(backend);
  const smtp = await startSmtp();
  const smsSink = await startSmsSink();
  const clock = fixedClock('2026-09-01T08:00:00.000Z');
  const notifier = combineNotifier(
    smtpEmail({ host: '127.0.0.1', port: smtp.port, from: 'Sésame <no-reply@sesame.test>', allowSelfSigned: true }),
    httpSmsGateway(smsSink.url),
  );
  // A low scrypt cost keeps the suite fast; production uses the default.
  const app = await buildService({ db, clock, notifier, logStream, config: { passwordHashCost: 1024, publicUrl: 'https://comptes.test', ...config } });
  await app.ready();
  return {
    db,
    app,
    clock,
    mails: smtp.mails,
    sms: smsSink.sms,
    smsSink,
    async close() {
      await app.close();
      await smtp.close();
      await smsSink.close();
      await closeDb();
    },
  };
}

// ---- Fixtures --------------------------------------------------------------------------------------

let uaiCounter = 0;
/** A distinct valid-looking UAI per call (tests share a database). */
export const nextUai = () => {
  const digits = `0${String(310000 + ++uaiCounter).padStart(6, '0')}`;
  return `${digits}${checkLetter23(digits)}`;
};

export async function school(w: World, departement = '31', opensAt: string | null = '2026-01-01') {
  const s = await addSchool(w.db, w.clock, { uai: nextUai(), name: `Collège ${uaiCounter}`, departement });
  if (opensAt) await openDepartement(w.db, departement, new Date(opensAt));
  return { ...s, auth: { authorization: `Bearer ${s.token}` } };
}

let keyCounter = 0;
export const key = () => `k-${Date.now().toString(36)}-${++keyCounter}`;

export async function push(w: World, token: string, changes: unknown[]) {
  const res = await w.app.inject({ method: 'POST', url: '/school/v1/changes', headers: { authorization: `Bearer ${token}` }, payload: { changes } });
  return { status: res.statusCode, body: res.json() as { results: { key: string; status: string; version?: number; reason?: string; current?: unknown; original?: unknown }[] } };
}

export interface FamilyInput {
  guardian: { id: string; lastName: string; firstName: string; phone?: string | null; email?: string | null };
  children: { id: string; lastName: string; firstName: string; birthDate: string | null; division?: string }[];
}

/** Pushes a guardian and their children (new records, baseVersion 0). */
export async function family(w: World, token: string, f: FamilyInput) {
  const changes: unknown[] = [
    { key: key(), entity: 'guardian', id: f.guardian.id, op: 'upsert', baseVersion: 0, data: { phone: null, email: null, ...f.guardian } },
  ];
  for (const c of f.children) {
    changes.push({ key: key(), entity: 'student', id: c.id, op: 'upsert', baseVersion: 0, data: { division: '6A', ...c } });
    changes.push({
      key: key(),
      entity: 'guardianship',
      id: `${f.guardian.id}:${c.id}`,
      op: 'upsert',
      baseVersion: 0,
      data: { studentId: c.id, guardianId: f.guardian.id, relation: 'MERE', legalRank: 1 },
    });
  }
  const r = await push(w, token, changes);
  if (r.body.results.some((x) => x.status !== 'applied')) throw new Error(`fixture push failed: ${JSON.stringify(r.body)}`);
  return r;
}

/** Pushes a child (and its link) for an already pushed guardian. */
export async function addChild(w: World, token: string, guardianId: string, c: FamilyInput['children'][number]) {
  return push(w, token, [
    { key: key(), entity: 'student', id: c.id, op: 'upsert', baseVersion: 0, data: { division: '5B', ...c } },
    { key: key(), entity: 'guardianship', id: `${guardianId}:${c.id}`, op: 'upsert', baseVersion: 0, data: { studentId: c.id, guardianId, legalRank: 1 } },
  ]);
}

let phoneCounter = 0;
/** A distinct French mobile per call, E.164. */
export const nextPhone = () => `+3361${String(2000000 + ++phoneCounter).padStart(7, '0')}`;

export const post = (w: World, url: string, payload: unknown, token?: string) =>
  w.app.inject({ method: 'POST', url, payload: payload as object, headers: token ? { authorization: `Bearer ${token}` } : {} });
export const get = (w: World, url: string, token?: string) =>
  w.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

export const lastSms = (w: World, to: string) => [...w.sms].reverse().find((s) => s.to === to);
export const codeIn = (text: string) => /(\d{6})/.exec(text)?.[1] ?? '';
export const lastMail = (w: World, to: string) => [...w.mails].reverse().find((m) => m.to === to);
export const linkIn = (text: string) => /(https?:\/\/\S+)/.exec(text)?.[1] ?? '';
