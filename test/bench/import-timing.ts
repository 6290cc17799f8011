// Local timing of the import pipeline against papaparse alone (not part of `npm run bench`):
//   npx tsx test/bench/import-timing.ts [students]
// CPU per phase comes from the progress events: `match` ends at the first write event, so it also
// holds building the plan and the room reserved for the commit (connection.ts). On the shared,
// loaded machine, compare CPU times: wall times mostly measure the other processes.
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { fixedClock } from '../../shared/clock';
import { uuidv7Generator } from '../../shared/ids';
import type { CoreContext } from '../../electron/core/context';
import { openRegister } from '../../electron/core/db/register';
import { commitImport, prepareImport } from '../../electron/core/import/handlers';
import { generateSheet } from './generate-sheet';

async function main(): Promise<void> {
  const students = Number(process.argv[2] ?? 100_000);
  const text = generateSheet(students);
  const bytes = new TextEncoder().encode(text);
  const c0 = process.cpuUsage();
  Papa.parse<string[]>(text, { delimitersToGuess: [';', ',', '\t', '|'], skipEmptyLines: 'greedy' });
  const c1 = process.cpuUsage(c0);
  const parseMs = (c1.user + c1.system) / 1000;
  const dir = mkdtempSync(path.join(tmpdir(), 'sesame-timing-'));
  try {
    const clock = fixedClock('2026-09-01T08:00:00.000Z');
    const dbPath = path.join(dir, 'r.sesame');
    const db = await openRegister(dbPath, { clock });
    const phases: Record<string, number> = {};
    const cpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    let last = cpu();
    let lastPhase = 'start';
    const ctx: CoreContext = {
      db,
      clock,
      ids: uuidv7Generator(() => clock.now().getTime()),
      actor: () => 'timing',
      cache: new Map(),
      emit: (e) => {
        if (e.type !== 'import.progress' || e.phase === lastPhase) return;
        const now = cpu();
        phases[lastPhase] = Math.round(now - last);
        last = now;
        lastPhase = e.phase;
      },
    };
    const t1 = performance.now();
    const cStart = cpu();
    const prepared = await prepareImport(ctx, [{ name: 'bench.csv', bytes }]);
    const t2 = performance.now();
    const cPrepared = cpu();
    if (!prepared.plan) throw new Error('needs mapping');
    const summary = await commitImport(ctx, prepared.token, { markAbsentAsLeft: false, conflictChoices: {} });
    const t3 = performance.now();
    const cCommitted = cpu();
    phases[lastPhase] = Math.round(cpu() - last);
    await db.close();
    const dbMb = Math.round(statSync(dbPath).size / 1024 / 1024);
    // Keeps the register for open/edit/search measurements (test/bench/register-timing.ts).
    if (process.env.KEEP_REGISTER) copyFileSync(dbPath, process.env.KEEP_REGISTER);
    console.log(JSON.stringify({
      students,
      parseMs: Math.round(parseMs),
      prepareMs: Math.round(t2 - t1),
      commitMs: Math.round(t3 - t2),
      ratioWall: Math.round(((t3 - t1) / parseMs) * 100) / 100,
      cpuMs: Math.round(cCommitted - cStart),
      prepareCpuMs: Math.round(cPrepared - cStart),
      commitCpuMs: Math.round(cCommitted - cPrepared),
      ratioCpu: Math.round(((cCommitted - cStart) / parseMs) * 100) / 100,
      dbMb,
      phases,
      rssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      counts: { students: summary.students, guardians: summary.guardians, warnings: summary.warnings.length, rejected: summary.rejected.length },
      lookAlikes: prepared.plan.lookAlikes.length,
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
