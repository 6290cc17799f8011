import { fixedClock } from '../../shared/clock';
import { uuidv7Generator } from '../../shared/ids';
import type { CoreContext } from '../../electron/core/context';
import { openMemoryRegister } from '../../electron/core/db/register';
import { prepareImport } from '../../electron/core/import/handlers';
import { generateSheet } from './generate-sheet';
async function main() {
  const n = Number(process.argv[2] ?? 20000);
  const bytes = new TextEncoder().encode(generateSheet(n));
  const clock = fixedClock();
  const db = await openMemoryRegister();
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  for (let i = 0; i < 2; i++) {
    const phases: Record<string, number> = {}; let last = cpu(); let lp = 'start';
    const ctx: CoreContext = { db, clock, ids: uuidv7Generator(() => clock.now().getTime()), actor: () => 't', cache: new Map(), emit: (e) => { if (e.type === 'import.progress' && e.phase !== lp) { const c = cpu(); phases[lp] = Math.round(c - last); last = c; lp = e.phase; } } };
    await prepareImport(ctx, [{ name: 'b.csv', bytes }]);
    phases[lp] = Math.round(cpu() - last);
    console.log(JSON.stringify(phases));
  }
}
main();
