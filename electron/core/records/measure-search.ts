// Prints search latency at bench scale: `npx tsx electron/core/records/measure-search.ts [students] [guardians]`.
// A script, not a test: timings on a shared 2-core machine are too noisy to assert. Prints wall
// time and this process's CPU time, which stays meaningful when other processes load the machine.

import { createDispatcher } from '../dispatch';
import { openMemoryRegister } from '../db/register';
import { uuidv7Generator } from '../../../shared/ids';
import { recordsHandlers } from './handlers';
import { fillSyntheticRegister } from './test-data';

const students = Number(process.argv[2] ?? 100_000);
const guardians = Number(process.argv[3] ?? 200_000);

const db = await openMemoryRegister();
const t = performance.now();
const summary = await fillSyntheticRegister(db, { students, guardians });
console.log(`fill ${summary.students} students / ${summary.guardians} guardians / ${summary.links} links: ${(performance.now() - t).toFixed(0)} ms`);

const clock = { now: () => new Date('2024-09-02T08:00:00Z') };
const d = createDispatcher(recordsHandlers, {
  db,
  clock: clock as never,
  ids: uuidv7Generator(() => 0),
  actor: () => 'bench',
  cache: new Map(),
});

async function time(label: string, name: string, input: unknown, repeat = 5): Promise<void> {
  const times: number[] = [];
  const cpu: number[] = [];
  let total = 0;
  for (let k = 0; k < repeat; k++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await d.dispatch(name, input);
    const c = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    total = (r.value as { total: number }).total;
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `${label.padEnd(44)} first ${times[0]!.toFixed(1)} ms (cpu ${cpu[0]!.toFixed(1)}), median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, total ${total}`,
  );
}

const g = summary.sampleGuardians[0]!;
const phone = g.phone ?? '+33612345678';
const national = `0${phone.slice(3)}`;
await time('guardians.list (build + empty)', 'guardians.list', {}, 1);
await time('students.list (build + empty)', 'students.list', {}, 1);
const queries = ['dupont', 'ma', 'dupont marie', 'lefevre', `${national.slice(0, 2)} ${national.slice(2, 4)} ${national.slice(4, 6)}`, phone.slice(0, 6), national, '@orange.fr', 'nathalie.martin', 'zzzz', 'e'];
for (const q of queries) {
  await time(`guardians '${q.replace(/\d/g, '#')}' (uncached)`, 'guardians.list', { query: q, sort: { key: 'lastName', dir: 'asc' } }, 1);
  await time(`guardians '${q.replace(/\d/g, '#')}' (page 2, cached)`, 'guardians.list', { query: q, offset: 100 }, 3);
}
for (const q of ['martin', 'léa dupont', '6A', String(summary.sampleStudents[0]!.ine).slice(0, 6), national]) {
  await time(`students '${q.replace(/\d/g, '#')}'`, 'students.list', { query: q }, 1);
}
await time('guardians sort phone desc (first: builds ordering)', 'guardians.list', { sort: { key: 'phone', dir: 'desc' } }, 1);
await time('guardians sort childCount', 'guardians.list', { query: 'ma', sort: { key: 'childCount', dir: 'desc' } }, 1);
await time('students sort division', 'students.list', { sort: { key: 'division', dir: 'asc' } }, 1);
console.log(`heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
await db.close();
