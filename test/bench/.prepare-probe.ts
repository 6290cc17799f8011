// Temporary: CPU per prepare phase (deleted before hand-over).
import { fixedClock } from '../../shared/clock';
import { uuidv7Generator } from '../../shared/ids';
import type { CoreContext } from '../../electron/core/context';
import { openMemoryRegister } from '../../electron/core/db/register';
import { prepareImport } from '../../electron/core/import/handlers';
import { generateSheet } from './generate-sheet';
import Papa from 'papaparse';

async function main() {
  const n = Number(process.argv[2] ?? 20000);
  const reps = Number(process.argv[3] ?? 3);
  const text = generateSheet(n);
  const bytes = new TextEncoder().encode(text);
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const clock = fixedClock('2026-09-01T08:00:00.000Z');
  const db = await openMemoryRegister();
  for (let r = 0; r < reps; r++) {
    const c0 = cpu();
    Papa.parse<string[]>(text, { delimitersToGuess: [';', ',', '\t', '|'], skipEmptyLines: 'greedy' });
    const papa = cpu() - c0;
    const phases: Record<string, number> = {};
    let last = cpu();
    let lastPhase = 'start';
    const ctx: CoreContext = {
      db, clock, ids: uuidv7Generator(() => clock.now().getTime()), actor: () => 't', cache: new Map(),
      emit: (e) => {
        if (e.type !== 'import.progress' || e.phase === lastPhase) return;
        const now = cpu();
        const g = (globalThis as { gc?: () => void }).gc;
        if (process.env.HEAP && g) { g(); console.log(e.phase, 'heapMB', Math.round(process.memoryUsage().heapUsed / 1048576), 'extMB', Math.round(process.memoryUsage().external / 1048576)); }
        phases[lastPhase] = Math.round(now - last);
        last = now;
        lastPhase = e.phase;
      },
    };
    const t0 = cpu();
    await prepareImport(ctx, [{ name: 'b.csv', bytes }]);
    phases[lastPhase] = Math.round(cpu() - last);
    if (process.env.HEAP) { (globalThis as { gc?: () => void }).gc?.(); console.log('end heapMB', Math.round(process.memoryUsage().heapUsed / 1048576)); }
    console.log(JSON.stringify({ papa: Math.round(papa), prepare: Math.round(cpu() - t0), phases }));
  }
}
main();
