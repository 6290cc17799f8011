// Figures at bench scale (not a timed test): full anomaly scan, the desk's refresh after an edit,
// and one edit made durable, on a file register of N students (default 100,000).
// npx tsx test/bench/anomalies-measure.ts [students]
// Times are wall clock and CPU (process.cpuUsage): on a shared machine, CPU time is the steadier.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openRegister } from '../../electron/core/db/register';
import { ok, openCorrectionsCore } from '../../electron/core/edits/test-core';
import { fillSyntheticRegister } from '../../electron/core/records/test-data';
import { buildGuardianIndex, buildStudentIndex } from '../../electron/core/records/search-index';
import { scanAnomalies } from '../../electron/core/anomalies/scan';

const students = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'sesame-anomalies-'));
const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  const db = await openRegister(join(dir, 'register.sesame'));
  let t0 = performance.now();
  const summary = await fillSyntheticRegister(db, { students });
  const fill = ms(t0);

  // Baseline from the same run (the machine may be shared): building the records search indexes.
  t0 = performance.now();
  buildStudentIndex(db);
  buildGuardianIndex(db);
  const baseline = ms(t0);

  const scans: number[] = [];
  const scanCpu: number[] = [];
  let count = 0;
  for (let i = 0; i < 3; i++) {
    const c0 = process.cpuUsage();
    t0 = performance.now();
    count = scanAnomalies(db, { today: new Date('2024-09-02T08:00:00Z') }).length;
    scans.push(ms(t0));
    const c = process.cpuUsage(c0);
    scanCpu.push(Math.round((c.user + c.system) / 100) / 10);
  }

  const c = await openCorrectionsCore({ db });
  t0 = performance.now();
  ok(await c.dispatch('anomalies.summary', {}));
  const firstSummary = ms(t0);

  const edits: number[] = [];
  const refresh: number[] = [];
  const sample = summary.sampleGuardians;
  for (let i = 0; i < 10; i++) {
    const g = sample[i % sample.length]!;
    const form = ok(await c.dispatch('guardians.editForm', { id: g.id }));
    t0 = performance.now();
    ok(
      await c.dispatch('guardians.update', {
        id: g.id,
        baseVersion: form.version,
        changes: { phone: i % 2 ? null : { raw: `06 ${String(10 + i)} 22 33 44`, country: 'FR' }, firstName: i % 2 ? 'Ginette' : 'Gisèle' },
      }),
    );
    edits.push(ms(t0));
    t0 = performance.now();
    ok(await c.dispatch('anomalies.summary', {}));
    refresh.push(ms(t0));
  }
  console.log(
    JSON.stringify(
      {
        students: summary.students,
        guardians: summary.guardians,
        links: summary.links,
        anomalies: count,
        fillMs: fill,
        searchIndexBaselineMs: baseline,
        fullScanMs: scans,
        fullScanCpuMs: scanCpu,
        firstSummaryMs: firstSummary,
        editDurableMs: { median: median(edits), max: Math.max(...edits) },
        summaryAfterEditMs: { median: median(refresh), max: Math.max(...refresh) },
      },
      null,
      1,
    ),
  );
  await db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
