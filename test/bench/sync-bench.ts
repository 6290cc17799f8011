// Sync bench: push ~10,000 changes from a fresh register (just imported) to a local account service
// on PGlite in its own process, end to end (`sync.run`: expand the import, batches, answers recorded
// durably, link changes, feed read). Same-run baselines: the same batches posted by a bare HTTP client
// (what the service alone costs) and GET /health round trips.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pgModule from 'pg';
import type { Change } from '../../shared/service-api/school';
import { createCore } from '../../electron/core/app';
import { commitImport, prepareImport } from '../../electron/core/import/handlers';
import { createServiceClient } from '../../electron/core/sync/client';
import { configureSync } from '../../electron/core/sync/engine';
import { memorySecretStore } from '../../electron/core/sync/secrets';
import { generateSheet } from './generate-sheet';
import { processCpuMs, startServer } from './service-bench';
import { median, repeat, round, timeIt } from './stats';

const { Client } = pgModule;

async function startService(entry: string, dir: string, pg: { url: string; schema: string } | null) {
  const backend = pg ? ['--backend', 'pg', '--schema', pg.schema] : ['--backend', 'pglite', '--data', dir];
  const s = await startServer({ entry }, [...backend, '--guardians', '0', '--feed-events', '0'], pg?.url);
  return { url: s.url.replace('0.0.0.0', '127.0.0.1'), token: s.token, stop: s.stop, cpuMs: () => processCpuMs(s.child.pid) };
}

const cpuMsSince = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

/** The same change under other ids, so the bare-client baseline writes new records as the app did. */
function renamed(c: Change, prefix: string): Change {
  const data = c.data && typeof c.data === 'object' ? { ...(c.data as Record<string, unknown>) } : c.data;
  if (data && typeof data === 'object') {
    const d = data as Record<string, unknown>;
    if (typeof d.studentId === 'string') d.studentId = prefix + d.studentId;
    if (typeof d.guardianId === 'string') d.guardianId = prefix + d.guardianId;
  }
  const id = c.entity === 'guardianship' ? c.id.split(':').map((x) => prefix + x).join(':') : prefix + c.id;
  return { ...c, key: prefix + c.key, id, ...(data === undefined ? {} : { data }) };
}

/** `students`: sheet size; about 4 changes per student (student, guardians, links): 2,500 ≈ 10,000 changes. */
export async function runSyncBench(entry: string, students = 2_500, backend: 'pglite' | 'pg' = 'pglite'): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sesame-sync-bench-'));
  const pgUrl = process.env.SESAME_BENCH_DATABASE_URL ?? process.env.SESAME_TEST_DATABASE_URL ?? 'postgres://sesame:sesame@127.0.0.1:5432/sesame_test';
  const pg = backend === 'pg' ? { url: pgUrl, schema: `syncbench_${Date.now().toString(36)}` } : null;
  const service = await startService(entry, path.join(dir, 'service'), pg);
  try {
    const core = await createCore({ dbPath: path.join(dir, 'bench.sesame'), secrets: memorySecretStore() });
    try {
      const prepared = await prepareImport(core.ctx, [{ name: `siecle-${students}.csv`, bytes: new TextEncoder().encode(generateSheet(students)) }]);
      if (!prepared.plan) throw new Error('bench sheet needs a manual mapping');
      await commitImport(core.ctx, prepared.token, { markAbsentAsLeft: false, conflictChoices: {} });
      const set = await core.dispatch('sync.settings.set', { serviceUrl: service.url, token: service.token });
      if (!set.ok) throw new Error(set.error.message);

      // The app's real client, recording each batch for the baseline.
      const batches: Change[][] = [];
      let waitingMs = 0;
      configureSync(core.ctx, {
        client: (conn) => {
          const real = createServiceClient({ baseUrl: conn.url, token: conn.token });
          return {
            ...real,
            async push(changes) {
              batches.push(changes);
              const t0 = performance.now();
              try {
                return await real.push(changes);
              } finally {
                waitingMs += performance.now() - t0;
              }
            },
          };
        },
      });
      let result: Awaited<ReturnType<typeof core.dispatch<'sync.run'>>> | null = null;
      const loadBefore = loadavg()[0]!;
      const appCpu0 = process.cpuUsage();
      const serviceCpu0 = service.cpuMs();
      const endToEndMs = await timeIt(async () => {
        result = await core.dispatch('sync.run', {});
      });
      const appCpuMs = cpuMsSince(appCpu0);
      const serviceCpu1 = service.cpuMs();
      const r = result as Awaited<ReturnType<typeof core.dispatch<'sync.run'>>> | null;
      if (!r?.ok) throw new Error(`sync failed: ${r && !r.ok ? r.error.message : 'no result'}`);
      if (r.value.error || r.value.pending !== 0 || r.value.applied !== r.value.pushed) throw new Error(`sync incomplete: ${JSON.stringify(r.value)}`);

      // Baseline 1: the same batches, posted by a bare HTTP client under fresh ids.
      const serviceCpu2 = service.cpuMs();
      const servicePushMs = await timeIt(async () => {
        for (const b of batches) {
          const res = await fetch(`${service.url}/school/v1/changes`, {
            method: 'POST',
            headers: { authorization: `Bearer ${service.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ changes: b.map((c) => renamed(c, 'raw-')) }),
          });
          if (res.status !== 200) throw new Error(`baseline push: HTTP ${res.status}`);
          await res.arrayBuffer();
        }
      });
      const serviceCpu3 = service.cpuMs();
      // Baseline 2: bare round trips.
      const healthMs = await repeat(50, async () => {
        const res = await fetch(`${service.url}/health`);
        await res.arrayBuffer();
      });
      return {
        serviceBackend: backend,
        changes: r.value.pushed,
        requests: batches.length,
        endToEndMs: round(endToEndMs),
        target: 'endToEndMs < 10000 for ≥ 10,000 changes',
        baselineBareClientPushMs: round(servicePushMs),
        ratioToBareClient: round(endToEndMs / servicePushMs),
        baselineHealthRoundTripMs: round(median(healthMs), 3),
        changesPerSecond: round((r.value.pushed / endToEndMs) * 1000),
        // What Sésame itself spends (reading the outbox, building batches, recording answers durably).
        appSideMs: round(endToEndMs - waitingMs),
        // CPU time, less sensitive than wall time to the other work of a shared machine.
        cpuMs: {
          appProcessEndToEnd: round(appCpuMs),
          serviceProcessEndToEnd: serviceCpu0 !== null && serviceCpu1 !== null ? serviceCpu1 - serviceCpu0 : null,
          serviceProcessBareClient: serviceCpu2 !== null && serviceCpu3 !== null ? serviceCpu3 - serviceCpu2 : null,
        },
        loadAverage1m: { before: round(loadBefore), after: round(loadavg()[0]!) },
      };
    } finally {
      await core.close();
    }
  } finally {
    await service.stop();
    if (pg) {
      const client = new Client({ connectionString: pg.url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${pg.schema} CASCADE`);
      } finally {
        await client.end();
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
