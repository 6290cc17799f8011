// Account service bench (`npm run bench -- --only=service`): the feed and the SMS activation
// start under autocannon load, on PostgreSQL (when reachable) and on PGlite, each figure with a
// same-run baseline: `GET /health` of the same server, i.e. the framework's floor.
//
// The server runs in a child process (this same bundle, `--service-server`) so that autocannon's
// load generation does not share its event loop. Bench-only server settings, all documented in
// the JSON output: very generous rate limits (every request comes from 127.0.0.1 and the bench
// would otherwise measure 429s), scrypt cost 1024 (never used by the measured endpoints), SMS
// handed to an HTTP sink in a process of its own (the production shape: an HTTP gateway on another
// machine; `--sms none` on the server skips it, for profiling), system clock.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';
import { systemClock } from '../../shared/clock';
import { checkLetter23 } from '../../shared/domain/checkLetter';
import { addSchool, openDepartement } from '../../service/src/admin';
import { buildService } from '../../service/src/app';
import { openDb } from '../../service/src/db/open';
import type { Db } from '../../service/src/db/types';
import { columnsOf } from '../../service/src/school/records';
import { GuardianData } from '../../shared/service-api/school';
import { httpSmsGateway } from '../../service/src/notifier/sms';
import { combineNotifier } from '../../service/src/notifier/types';
import { round } from './stats';

export const DEFAULT_PG_URL = 'postgres://sesame:sesame@127.0.0.1:5432/sesame_test';
/** The targets of the issue, checked on PostgreSQL. */
export const TARGET = { minReqPerSec: 500, maxP99Ms: 100 };

export interface ServiceBenchOptions {
  /** Seconds per measured endpoint (bounded: 1–60). */
  durationSec?: number;
  connections?: number;
  guardians?: number;
  /** Feed events to seed (account.notified, one per letter issued). */
  feedEvents?: number;
  backends?: ('pg' | 'pglite')[];
  databaseUrl?: string;
  /** Extra node flags for the server process, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  serverNodeFlags?: string[];
  /** The bundle that holds `--service-server` (the bench bundle itself). */
  entry: string;
  log?: (line: string) => void;
}

// ---- The server process ------------------------------------------------------------------------------

/**
 * `--service-server --backend pg|pglite [--schema S | --data DIR]` (PostgreSQL URL in
 * SESAME_BENCH_SERVER_DATABASE_URL): seeds one
 * school in an open département, listens on 127.0.0.1:0 and prints one JSON line
 * `{url, token}`. Stops on SIGTERM.
 */
export async function serviceBenchServer(argv: string[]): Promise<void> {
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--sms-sink')) return smsSink();
  const backend = opt('--backend');
  const db = await openDb(
    backend === 'pg'
      ? { databaseUrl: process.env.SESAME_BENCH_SERVER_DATABASE_URL, schema: opt('--schema'), ...(opt('--pool-max') ? { poolMax: Number(opt('--pool-max')) } : {}) }
      : { dataDir: opt('--data') },
  );
  // The SMS provider is another machine in production: the sink runs in a process of its own
  // (`--sms-url`), so that the server's event loop does only the service's share of the hand-over.
  // Without it, an in-process sink (its HTTP server shares the loop: older figures were taken so).
  let smsUrl = opt('--sms-url');
  let sink: ReturnType<typeof createServer> | null = null;
  if (!smsUrl) {
    sink = sinkServer();
    await new Promise<void>((resolve) => sink!.listen(0, '127.0.0.1', resolve));
    smsUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/sms`;
  }
  const noEmail = { email: async () => undefined };
  const app = await buildService({
    db,
    clock: systemClock,
    // `--sms none`: no gateway call at all, to see what the SMS hand-over costs (profiling only).
    notifier: combineNotifier(noEmail, opt('--sms') === 'none' ? { sms: async () => undefined } : httpSmsGateway(smsUrl)),
    config: {
      passwordHashCost: 1024,
      rateLimits: {
        perIp: { max: 1e9, windowMs: 60_000 },
        perAccount: { max: 1e9, windowMs: 60_000 },
        perTarget: { max: 1e9, windowMs: 60_000 },
      },
    },
  });
  const digits = '0310900';
  const school = await addSchool(db, systemClock, { uai: `${digits}${checkLetter23(digits)}`, name: 'Collège du banc d’essai', departement: '31' });
  await openDepartement(db, '31', new Date('2026-01-01T00:00:00Z'));
  await bulkSeed(db, school.id, Number(opt('--guardians') ?? 10_000), Number(opt('--feed-events') ?? 2_000));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${JSON.stringify({ url, token: school.token })}\n`);
  const stop = async () => {
    await app.close();
    sink?.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

/** Stands in for the SMS provider: answers at once, keeps nothing (messages hold codes). */
const sinkServer = () =>
  createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  });

/** `--service-server --sms-sink`: only the sink, on 127.0.0.1:0; prints `{url}`, stops on SIGTERM. */
async function smsSink(): Promise<void> {
  const sink = sinkServer();
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/sms` })}\n`);
  process.on('SIGTERM', () => sink.close(() => process.exit(0)));
}

/**
 * The school's records as a push of them stores them (same columns, through `columnsOf`), written
 * in bulk: pushing 30,000 changes one transaction each costs minutes on a slow-fsync disk, and
 * the push path is not what this bench measures. Feed events are `account.notified`, as letters
 * emit them.
 */
async function bulkSeed(db: Db, schoolId: string, guardians: number, feedEvents: number): Promise<void> {
  const now = new Date();
  for (let from = 0; from < guardians; from += 2000) {
    const ids = Array.from({ length: Math.min(2000, guardians - from) }, (_, k) => from + k);
    const g = ids.map((i) =>
      columnsOf('guardian', GuardianData.parse({ lastName: `NOM${i}`, firstName: 'Camille', phone: benchPhone(i), email: `parent${i}@example.com` })),
    );
    const col = (name: string) => g.map((c) => c[name] as string | null);
    await db.query(
      `INSERT INTO guardian (rid, school_id, id, last_name, first_name, name_key, phone, email, data, version, updated_at)
       SELECT 'bench-g' || r.i, $1, 'g' || r.i, r.last_name, r.first_name, r.name_key, r.phone, r.email, r.data::jsonb, 1, $2
         FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS r(i, last_name, first_name, name_key, phone, email, data)`,
      [schoolId, now, ids, col('last_name'), col('first_name'), col('name_key'), col('phone'), col('email'), col('data')],
    );
  }
  await db.query(
    `INSERT INTO student (rid, school_id, id, last_name, first_name, birth_date, division, status, version, updated_at)
     SELECT 'bench-s' || i, $1, 's' || i, 'NOM' || i, 'Léa', '2014-03-02', '6A', 'enrolled', 1, $2 FROM generate_series(0, $3::int - 1) AS i`,
    [schoolId, now, guardians],
  );
  await db.query(
    `INSERT INTO guardianship (rid, school_id, id, student_id, guardian_id, relation, legal_rank, version, updated_at)
     SELECT 'bench-l' || i, $1, 'g' || i || ':s' || i, 's' || i, 'g' || i, 'MERE', 1, 1, $2 FROM generate_series(0, $3::int - 1) AS i`,
    [schoolId, now, guardians],
  );
  await db.query(
    `INSERT INTO feed (school_id, kind, payload, at)
     SELECT $1, 'account.notified', jsonb_build_object('guardianId', 'g' || i, 'login', 'camille.nom' || i, 'letterExpiresAt', $3::text), $2
       FROM generate_series(0, $4::int - 1) AS i ORDER BY i`,
    [schoolId, now, new Date(now.getTime() + 90 * 86_400_000).toISOString(), feedEvents],
  );
  await db.query('ANALYZE');
}

interface Started {
  child: ChildProcess;
  url: string;
  token: string;
  stop(): Promise<void>;
}

/** The bench's service server in its own process (`--service-server`), once it has printed its address. */
export async function startServer(o: Pick<ServiceBenchOptions, 'entry' | 'serverNodeFlags'>, backendArgs: string[], databaseUrl?: string): Promise<Started> {
  // The URL (with its password) goes through the environment, not the command line (ps).
  const child = spawn(process.execPath, [...(o.serverNodeFlags ?? []), o.entry, '--service-server', ...backendArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...(databaseUrl ? { SESAME_BENCH_SERVER_DATABASE_URL: databaseUrl } : {}) },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const line = await new Promise<string>((resolve, reject) => {
      const rl = createInterface({ input: child.stdout! });
      const timer = setTimeout(() => reject(new Error('service bench server: not ready after 120 s')), 120_000);
      rl.once('line', (l) => {
        clearTimeout(timer);
        resolve(l);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`service bench server exited (${code})`));
      });
    });
    const { url, token } = JSON.parse(line) as { url: string; token: string };
    return { child, url, token, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

// ---- Seeding through the school API --------------------------------------------------------------------

/** Distinct French mobiles, E.164 (+33 6 12 xx xx xx). */
export const benchPhone = (i: number) => `+3361${String(2_000_000 + i).padStart(7, '0')}`;
/** The same number as a parent types it: « 06 12 00 00 01 ». */
const typedPhone = (e164: string) => `0${e164.slice(3)}`.replace(/(\d{2})(?=\d)/g, '$1 ');

async function call(url: string, token: string, method: 'GET' | 'POST', p: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`seed ${method} ${p}: HTTP ${res.status}`);
  return json;
}

/**
 * The bulk rows are in place (server side); a few more families go through the school API (so a
 * broken push path fails the bench), then the feed is paged to know its cursors.
 */
async function seed(s: Started, guardians: number): Promise<{ cursors: string[] }> {
  const changes: unknown[] = [];
  for (let i = guardians; i < guardians + 100; i++) {
    const base = { op: 'upsert', baseVersion: 0 };
    changes.push(
      { ...base, key: `k-g${i}`, entity: 'guardian', id: `g${i}`, data: { lastName: `NOM${i}`, firstName: 'Camille', phone: benchPhone(i), email: `parent${i}@example.com` } },
      { ...base, key: `k-s${i}`, entity: 'student', id: `s${i}`, data: { lastName: `NOM${i}`, firstName: 'Léa', birthDate: '2014-03-02', division: '6A' } },
      { ...base, key: `k-l${i}`, entity: 'guardianship', id: `g${i}:s${i}`, data: { studentId: `s${i}`, guardianId: `g${i}`, relation: 'MERE', legalRank: 1 } },
    );
  }
  const pushed = (await call(s.url, s.token, 'POST', '/school/v1/changes', { changes })) as { results: { status: string }[] };
  if (pushed.results.some((x) => x.status !== 'applied')) throw new Error('seed push: a change was not applied');
  const cursors: string[] = [];
  let after = '0';
  for (;;) {
    const page = (await call(s.url, s.token, 'GET', `/school/v1/feed?after=${after}&limit=1000`)) as { events: { cursor: string }[]; next: string };
    if (!page.events.length) break;
    cursors.push(...page.events.map((e) => e.cursor));
    after = page.next;
  }
  return { cursors };
}

// ---- Measuring -----------------------------------------------------------------------------------------

/** CPU time (user + system) of a process so far, in ms; Linux only (null elsewhere). */
export function processCpuMs(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 Hz on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

export interface Figure {
  serverCpuMsPerRequest?: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

type Cannon = Parameters<typeof autocannon>[0];

async function cannon(opts: Cannon): Promise<Figure> {
  const r = await autocannon(opts);
  return {
    reqPerSec: round(r.requests.average),
    p50Ms: round(r.latency.p50),
    p99Ms: round(r.latency.p99),
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

const withBaseline = (f: Figure, base: Figure) => ({
  ...f,
  // How much of the framework floor this endpoint keeps (1 = as fast as /health).
  ratioToBaseline: { reqPerSec: round(f.reqPerSec / base.reqPerSec, 3), p99: round(f.p99Ms / Math.max(base.p99Ms, 0.01), 2) },
});

async function measure(s: Started, o: Required<Pick<ServiceBenchOptions, 'durationSec' | 'connections' | 'guardians'>>, cursors: string[]) {
  const common = { url: s.url, connections: o.connections, duration: o.durationSec, timeout: 10 };
  const at = (p: string) => ({ ...common, url: `${s.url}${p}` });
  const auth = { authorization: `Bearer ${s.token}` };
  const recent = cursors[Math.max(0, cursors.length - 11)] ?? '0';
  const fullPageAfter = cursors.length > 100 ? cursors[cursors.length - 101]! : '0';
  let n = 0;
  const phones = Array.from({ length: o.guardians }, (_, i) => typedPhone(benchPhone(i)));
  const smsRequests = [
    {
      method: 'POST' as const,
      path: '/parent/v1/activation/sms/start',
      headers: { 'content-type': 'application/json' },
      // A different phone on every request: no cache or per-phone shortcut helps.
      setupRequest: (req: Record<string, unknown>) => ({ ...req, body: JSON.stringify({ phone: phones[n++ % phones.length] }) }),
    },
  ];
  // A short warm-up (JIT, pools) that is not reported.
  await cannon({ ...at('/health'), duration: 1 });
  await cannon({ ...at(`/school/v1/feed?after=${recent}`), duration: 1, headers: auth });
  // The server's CPU time per request: steadier than wall time when other work loads the machine.
  const withCpu = async (opts: Cannon): Promise<Figure> => {
    const c0 = processCpuMs(s.child.pid);
    const f = await cannon(opts);
    const c1 = processCpuMs(s.child.pid);
    return c0 !== null && c1 !== null && f.requests ? { ...f, serverCpuMsPerRequest: round((c1 - c0) / f.requests, 3) } : f;
  };
  const health = await withCpu(at('/health'));
  const feedRecent = await withCpu({ ...at(`/school/v1/feed?after=${recent}`), headers: auth });
  const feedFullPage = await withCpu({ ...at(`/school/v1/feed?after=${fullPageAfter}&limit=100`), headers: auth });
  const feedMaxPage = await withCpu({ ...at(`/school/v1/feed?after=0&limit=1000`), headers: auth });
  await cannon({ ...common, duration: 1, requests: smsRequests as never });
  const smsStart = await withCpu({ ...common, requests: smsRequests as never });
  const meets = (f: Figure) => f.reqPerSec >= TARGET.minReqPerSec && f.p99Ms < TARGET.maxP99Ms && f.non2xx === 0 && f.errors === 0;
  return {
    baselineHealth: health,
    feedRecent: { what: `GET /school/v1/feed?after=<cursor of the 11th last event> (10 events)`, ...withBaseline(feedRecent, health), meetsTarget: meets(feedRecent) },
    feedFullPage: { what: 'GET /school/v1/feed?after=…&limit=100 (a full default page, 100 events)', ...withBaseline(feedFullPage, health) },
    feedMaxPage: { what: 'GET /school/v1/feed?after=0&limit=1000 (the largest page)', ...withBaseline(feedMaxPage, health) },
    smsStart: {
      what: 'POST /parent/v1/activation/sms/start, a different known phone per request (SMS to an HTTP sink)',
      ...withBaseline(smsStart, health),
      meetsTarget: meets(smsStart),
    },
  };
}

// ---- Runs --------------------------------------------------------------------------------------------

async function pgReachable(url: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** The SMS sink in a process of its own (see serviceBenchServer). */
async function startSink(entry: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [entry, '--service-server', '--sms-sink'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  };
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`SMS sink exited (${code})`)));
    });
    return { url: (JSON.parse(line) as { url: string }).url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function runOne(o: ServiceBenchOptions & ReturnType<typeof settings>, backendArgs: string[], databaseUrl?: string) {
  const t0 = performance.now();
  const sink = await startSink(o.entry);
  const s = await startServer(o, [...backendArgs, '--guardians', String(o.guardians), '--feed-events', String(o.feedEvents), '--sms-url', sink.url], databaseUrl).catch(
    async (err: unknown) => {
      await sink.stop();
      throw err;
    },
  );
  try {
    const startMs = performance.now() - t0;
    const t1 = performance.now();
    const { cursors } = await seed(s, o.guardians);
    const seedMs = performance.now() - t1;
    o.log(`bench service: ${o.guardians} guardians, ${cursors.length} feed events; measuring…`);
    const loadBefore = loadavg()[0]!;
    const figures = await measure(s, o, cursors);
    return {
      serverStartAndBulkSeedMs: round(startMs),
      pushOf300ChangesAndFeedScanMs: round(seedMs),
      feedEvents: cursors.length,
      // Other work on the machine skews every figure: the 1-minute load average, before and after.
      loadAverage1m: { before: round(loadBefore), after: round(loadavg()[0]!) },
      ...figures,
    };
  } finally {
    await s.stop();
    await sink.stop();
  }
}

function settings(o: ServiceBenchOptions) {
  return {
    durationSec: Math.min(60, Math.max(1, o.durationSec ?? 8)),
    connections: Math.min(200, Math.max(1, o.connections ?? 20)),
    guardians: o.guardians ?? 10_000,
    feedEvents: o.feedEvents ?? 2_000,
    log: o.log ?? ((line: string) => process.stderr.write(`${line}\n`)),
  };
}

/** Runs the whole service bench; one JSON-able object. */
export async function runServiceBench(options: ServiceBenchOptions): Promise<Record<string, unknown>> {
  const s = settings(options);
  const o = { ...options, ...s };
  const backends = options.backends ?? ['pg', 'pglite'];
  const out: Record<string, unknown> = {
    settings: {
      connections: s.connections,
      durationSecPerEndpoint: s.durationSec,
      guardians: s.guardians,
      feedEventsRequested: s.feedEvents,
      seeding:
        'one school, open département; guardians (distinct mobiles), students, links and feed events written in bulk by the server process with the push path’s own column mapping; 100 more families pushed through POST /school/v1/changes',
      target: `PostgreSQL: feed and SMS start ≥ ${TARGET.minReqPerSec} req/s, p99 < ${TARGET.maxP99Ms} ms`,
      server:
        'separate process; bench config: rate limits 1e9/min, passwordHashCost 1024 (not used by the measured endpoints), SMS to an HTTP sink in a third process (the provider is another machine in production)',
      baseline: 'GET /health of the same server, same run; ratioToBaseline.reqPerSec = endpoint / health',
    },
  };
  if (backends.includes('pg')) {
    const url = options.databaseUrl ?? process.env.SESAME_BENCH_DATABASE_URL ?? process.env.SESAME_TEST_DATABASE_URL ?? DEFAULT_PG_URL;
    const problem = await pgReachable(url);
    if (problem) out.postgres = { skipped: `PostgreSQL injoignable (${problem.split('\n')[0]})` };
    else {
      const schema = `bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      s.log('bench service: PostgreSQL…');
      try {
        out.postgres = await runOne(o, ['--backend', 'pg', '--schema', schema], url);
      } finally {
        await dropSchema(url, schema);
      }
    }
  }
  if (backends.includes('pglite')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'sesame-service-bench-'));
    s.log('bench service: PGlite…');
    try {
      out.pglite = await runOne(o, ['--backend', 'pglite', '--data', dir]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}
