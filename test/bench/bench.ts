// `npm run bench`: figures as JSON, each with its same-run baseline. Each size runs in its own
// child process so that peak memory belongs to that size alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { createCore } from '../../electron/core/app';
import { openRegister } from '../../electron/core/db/register';
import { loadSql } from '../../electron/core/db/sqljs';
import { commitImport, prepareImport } from '../../electron/core/import/handlers';
import { scanAnomalies } from '../../electron/core/anomalies/scan';
import { generateSheet } from './generate-sheet';
import { bareInsertMs, readImportRows, rowCount } from './sqljs-floor';
import { refusedPhonesCheck, scanReadFloor } from './scan-floor';
import { runServiceBench, serviceBenchServer } from './service-bench';
import { median, percentile, repeat, round } from './stats';
import { runSyncBench } from './sync-bench';
import { runLettersBench } from './letters-bench';

const here = fileURLToPath(import.meta.url);

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function importOnce(dir: string, name: string, bytes: Uint8Array, i: number): Promise<string> {
  const dbPath = path.join(dir, `bench-${i}.sesame`);
  const core = await createCore({ dbPath });
  try {
    const prepared = await prepareImport(core.ctx, [{ name, bytes }]);
    if (!prepared.plan) throw new Error('bench sheet needs a manual mapping: fix the synonyms');
    await commitImport(core.ctx, prepared.token, { markAbsentAsLeft: false, conflictChoices: {} });
  } finally {
    await core.close();
  }
  return dbPath;
}

async function child(students: number): Promise<Record<string, unknown>> {
  const runs = students >= 100_000 ? 3 : 5;
  const dir = mkdtempSync(path.join(tmpdir(), 'sesame-bench-'));
  try {
    const text = generateSheet(students);
    const bytes = new TextEncoder().encode(text);
    const name = `siecle-${students}.csv`;
    writeFileSync(path.join(dir, name), bytes);

    // Baseline: papaparse alone on the decoded text, with delimiter detection as the import does.
    // CPU time next to wall time: on a shared machine, wall time mostly measures the others.
    const cpuMs = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const parseCpu: number[] = [];
    const parseMs = await repeat(runs, () => {
      const c0 = cpuMs();
      Papa.parse<string[]>(text, { delimitersToGuess: [';', ',', '\t', '|'], skipEmptyLines: 'greedy' });
      parseCpu.push(cpuMs() - c0);
    });

    // Full import: decode, parse, normalise, match, durable commit, on a fresh register each time.
    let dbPath = '';
    const importCpu: number[] = [];
    const importMs = await repeat(runs, async (i) => {
      if (dbPath) rmSync(dbPath, { force: true });
      global.gc?.();
      const c0 = cpuMs();
      dbPath = await importOnce(dir, name, bytes, i);
      importCpu.push(cpuMs() - c0);
    });
    const peakRssMb = process.resourceUsage().maxRSS / 1024;

    // The engine's floor: the rows the import wrote, inserted bare into sql.js (sqljs-floor.ts).
    const image = new (await loadSql()).Database(readFileSync(dbPath));
    const floorRows = readImportRows(image);
    image.close();
    const floorMs = await bareInsertMs(floorRows, runs);
    const floorCount = rowCount(floorRows);
    floorRows.length = 0;

    const openCpu: number[] = [];
    const openMs = await repeat(5, async () => {
      const c0 = cpuMs();
      const db = await openRegister(dbPath);
      openCpu.push(cpuMs() - c0);
      await db.close();
    });

    const core = await createCore({ dbPath });
    const ids = core.db.all<{ id: string }>('SELECT id FROM guardian ORDER BY id LIMIT 50').map((r) => r.id);
    const editMs = await repeat(30, async (i) => {
      const id = ids[i % ids.length] as string;
      await core.db.write((tx) => {
        const phone = `+3361234${String(5000 + i).padStart(4, '0')}`;
        tx.run('UPDATE guardian SET phone = ?, version = version + 1, updated_at = ? WHERE id = ?', [phone, new Date(0).toISOString(), id]);
        tx.run(
          "INSERT INTO audit (id, at, actor, source, entity, entity_id, field, old_value, new_value) VALUES (?, ?, 'bench', 'edit', 'guardian', ?, 'phone', NULL, ?)",
          [`bench-audit-${i}`, new Date(0).toISOString(), id, phone],
        );
      });
    });

    const queries = ['martin', 'dupont léa', '06 12', '+3371', 'example.com', 'nguyen', 'sophie.m', '6A'];
    const firstSearchMs = await repeat(1, () => core.dispatch('guardians.list', { query: 'bernard', limit: 100 }));
    const searchMs = await repeat(queries.length * 3, async (i) => {
      const r = await core.dispatch('guardians.list', { query: queries[i % queries.length], limit: 100 });
      if (!r.ok) throw new Error(r.error.message);
    });

    // The anomalies desk: a full scan, then the desk's counts after a real edit through its handler.
    // CPU time too: on a shared two-core machine the wall clock mostly measures the neighbours.
    const scanCpuMs: number[] = [];
    const scanMs = await repeat(3, () => {
      const c0 = process.cpuUsage();
      scanAnomalies(core.db);
      const c = process.cpuUsage(c0);
      scanCpuMs.push((c.user + c.system) / 1000);
    });
    // The engine's floor for a scan: the rules' input out of sql.js, nothing built (scan-floor.ts).
    const scanFloor = await scanReadFloor(core.db, 3);
    const phoneCheck = await refusedPhonesCheck(core.db, 3);
    const firstSummaryMs = await repeat(1, () => core.dispatch('anomalies.summary', {}));
    const deskEditMs: number[] = [];
    const deskRefreshTimes: number[] = [];
    await repeat(10, async (i) => {
      const id = ids[(i + 7) % ids.length] as string;
      const form = await core.dispatch('guardians.editForm', { id });
      if (!form.ok) throw new Error(form.error.message);
      const t0 = performance.now();
      const saved = await core.dispatch('guardians.update', {
        id,
        baseVersion: form.value.version,
        changes: { phone: { raw: `06 45 ${String(10 + i).padStart(2, '0')} 45 45`, country: 'FR' } },
      });
      if (!saved.ok) throw new Error(saved.error.message);
      deskEditMs.push(performance.now() - t0);
      const t1 = performance.now();
      const summary = await core.dispatch('anomalies.summary', {});
      if (!summary.ok) throw new Error(summary.error.message);
      deskRefreshTimes.push(performance.now() - t1);
    });
    await core.close();

    const parse = median(parseMs);
    const full = median(importMs);
    return {
      students,
      fileMb: round(bytes.byteLength / 1024 / 1024),
      import: {
        baselinePapaparseParseMs: round(parse),
        fullImportMs: round(full),
        ratioToBaseline: round(full / parse),
        baselinePapaparseCpuMs: round(median(parseCpu)),
        fullImportCpuMs: round(median(importCpu)),
        ratioCpuToBaselineCpu: round(median(importCpu) / median(parseCpu)),
        target: students >= 100_000 ? 'ratio ≤ 4' : undefined,
        runs,
        sqljsFloor: {
          what: 'the rows this import wrote, inserted into bare sql.js tables (no key, index, constraint or durability) by prepared statements: no import can write them faster on this engine',
          rows: floorCount,
          bareInsertMs: round(median(floorMs)),
          ratioToBaseline: round(median(floorMs) / parse),
        },
      },
      peakRssMb: round(peakRssMb),
      openRegisterMs: { median: round(median(openMs)), cpuMedian: round(median(openCpu)), baselineParseRatio: round(median(openMs) / parse) },
      editDurableMs: { median: round(median(editMs)), p95: round(percentile(editMs, 95)), baselineParseRatio: round(median(editMs) / parse, 4) },
      guardianSearchMs: {
        firstQueryWithIndexBuild: round(firstSearchMs[0] ?? 0),
        median: round(median(searchMs)),
        p95: round(percentile(searchMs, 95)),
        baselineParseRatio: round(median(searchMs) / parse, 4),
      },
      anomalies: {
        fullScanMs: {
          median: round(median(scanMs)),
          cpuMedian: round(median(scanCpuMs)),
          baselineParseRatio: round(median(scanMs) / parse, 3),
          target: students >= 100_000 ? '< 1000' : undefined,
          sqljsReadFloor: {
            what: "the columns a full scan reads (guardians' ids, name keys, civilities, phones, emails, addresses, and the raw values of refused ones; students' ids, status, birth dates, names, classes; links' ends and ranks) read as the scan reads them, one BLOB per table split into fields by offsets, with nothing indexed and no rule run: no scan with its rules in JS can read the register faster on this engine",
            cells: scanFloor.cells,
            ms: round(median(scanFloor.ms)),
            shareOfTarget: students >= 100_000 ? round(median(scanFloor.ms) / 1000) : undefined,
          },
          refusedPhonesCheck: {
            what: 'libphonenumber run once on each refused raw phone, as the invalid-mobile rule does (to say why it is refused, or that it now reads): a part of every scan whatever its design',
            phones: phoneCheck.phones,
            readableNow: phoneCheck.readable,
            ms: round(median(phoneCheck.ms)),
          },
        },
        firstDeskSummaryMs: round(firstSummaryMs[0] ?? 0),
        deskRefreshAfterEditMs: { median: round(median(deskRefreshTimes)), p95: round(percentile(deskRefreshTimes, 95)), target: '< 100' },
        editThroughHandlerDurableMs: { median: round(median(deskEditMs)), p95: round(percentile(deskEditMs, 95)), target: '< 50' },
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `--only=import,service` (or `--only import`): run just these sections. */
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? arg('--only');
const wants = (section: string) => !onlyArg || onlyArg.split(',').includes(section);

async function main(): Promise<void> {
  if (process.argv.includes('--service-server')) return serviceBenchServer(process.argv);
  const childSize = arg('--child');
  if (childSize) {
    process.stdout.write(`${JSON.stringify(await child(Number(childSize)))}\n`);
    return;
  }
  const sizes = (arg('--sizes') ?? '1000,10000,100000').split(',').map(Number);
  const results: unknown[] = [];
  for (const size of wants('import') ? sizes : []) {
    process.stderr.write(`bench: ${size} élèves…\n`);
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', here, '--child', String(size)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`bench child for ${size} failed (exit ${r.status})`);
    results.push(JSON.parse(r.stdout.trim().split('\n').pop() as string));
  }
  // Service: `--service-duration S`, `--service-guardians N`, `--service-backends pg,pglite`,
  // `--service-prof DIR` (CPU profile of the server process).
  const prof = arg('--service-prof');
  const service = wants('service')
    ? await runServiceBench({
        entry: here,
        durationSec: arg('--service-duration') ? Number(arg('--service-duration')) : undefined,
        guardians: arg('--service-guardians') ? Number(arg('--service-guardians')) : undefined,
        backends: arg('--service-backends')?.split(',') as ('pg' | 'pglite')[] | undefined,
        serverNodeFlags: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [],
      })
    : undefined;
  const letters = wants('letters') ? await runLettersBench(Number(arg('--letters') ?? 1000)) : undefined;
  // Sync: `--sync-students N` (about 4 changes per student; default 2,500 ≈ 10,000 changes),
  // `--sync-backend pg` (the service on PostgreSQL, SESAME_BENCH_DATABASE_URL; default PGlite).
  const sync = wants('sync')
    ? await runSyncBench(here, arg('--sync-students') ? Number(arg('--sync-students')) : undefined, arg('--sync-backend') === 'pg' ? 'pg' : 'pglite')
    : undefined;
  const out = {
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    ...(letters ? { letters } : {}),
    ...(wants('import') ? { import: results } : {}),
    ...(service ? { service } : {}),
    ...(sync ? { sync } : {}),
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
