// Prints search latency at bench scale: `npx tsx test/bench/measure-search.ts [students] [guardians]`.
// A script, not a test: timings on a shared 2-core machine are too noisy to assert. Prints wall
// time and this process's CPU time, which stays meaningful when other processes load the machine.

import { createDispatcher } from '../../electron/core/dispatch';
import { openMemoryRegister, openRegister } from '../../electron/core/db/register';
import type { Register } from '../../electron/core/db/types';
import { uuidv7Generator } from '../../shared/ids';
import { recordsHandlers } from '../../electron/core/records/handlers';
import { fillSyntheticRegister } from '../../electron/core/records/test-data';

const students = Number(process.argv[2] ?? 100_000);
const guardians = Number(process.argv[3] ?? 200_000);

// RECORDS_BENCH_FILE=path: a register on disk (journal + fsync, as in the app), filled on first use
// and reused by later runs (filling takes about a minute at bench scale).
const file = process.env.RECORDS_BENCH_FILE;
const db: Register = file ? await openRegister(file) : await openMemoryRegister();
const t = performance.now();
const existing = file ? (db.get<{ n: number }>('SELECT count(*) AS n FROM student')?.n ?? 0) : 0;
const summary = existing
  ? await (async () => {
      const g = db.get<{ id: string; phone: string | null }>('SELECT id, phone FROM guardian WHERE phone IS NOT NULL LIMIT 1')!;
      const st = db.get<{ ine: string }>('SELECT ine FROM student WHERE ine IS NOT NULL LIMIT 1')!;
      return {
        students: existing,
        guardians: db.get<{ n: number }>('SELECT count(*) AS n FROM guardian')!.n,
        links: db.get<{ n: number }>('SELECT count(*) AS n FROM guardianship')!.n,
        sampleGuardians: [g],
        sampleStudents: [st],
      };
    })()
  : await fillSyntheticRegister(db, { students, guardians });
console.log(`${existing ? 'opened' : 'fill'} ${summary.students} students / ${summary.guardians} guardians / ${summary.links} links: ${(performance.now() - t).toFixed(0)} ms`);

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
// Edits as the edits feature makes them (one small transaction with its audit row), each followed
// by the lists the UI refreshes. The indexes and their orderings are patched, not rebuilt.
async function edit(label: string, fn: Parameters<Register['write']>[0]): Promise<void> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await db.write(fn);
  const c = process.cpuUsage(c0);
  console.log(`${label.padEnd(44)} ${(performance.now() - t0).toFixed(1)} ms (cpu ${((c.user + c.system) / 1000).toFixed(1)})`);
}
const audit = (tx: Parameters<Parameters<Register['write']>[0]>[0], entity: string, id: string, field: string, value: string) =>
  tx.run(
    `INSERT INTO audit (id, at, actor, source, entity, entity_id, field, old_value, new_value) VALUES (?, ?, 'bench', 'edit', ?, ?, ?, NULL, ?)`,
    [`bench-${Math.random()}`, clock.now().toISOString(), entity, id, field, value],
  );
const edited = g.id as string;
for (let k = 0; k < 3; k++) {
  const newPhone = `+3361122334${k}`;
  await edit(`edit: guardian phone #${k + 1} (db.write)`, (tx) => {
    tx.run('UPDATE guardian SET phone = ?, version = version + 1 WHERE id = ?', [newPhone, edited]);
    audit(tx, 'guardian', edited, 'phone', newPhone);
  });
  await time('  then guardians.list by new phone', 'guardians.list', { query: `0611223 34${k}` }, 1);
  await time("  then guardians 'dupont' (sorted by name)", 'guardians.list', { query: 'dupont', sort: { key: 'lastName', dir: 'asc' } }, 1);
  await time('  then guardians sort phone desc', 'guardians.list', { sort: { key: 'phone', dir: 'desc' } }, 1);
  await time('  then students by the new phone', 'students.list', { query: `0611223 34${k}` }, 1);
}
await edit('edit: guardian last name (moves in sorts)', (tx) => {
  tx.run("UPDATE guardian SET last_name = 'Aaron', version = version + 1 WHERE id = ?", [edited]);
  audit(tx, 'guardian', edited, 'last_name', 'Aaron');
});
await time("  then guardians 'aaron'", 'guardians.list', { query: 'aaron' }, 1);
await time('  then guardians page 1 by name', 'guardians.list', { sort: { key: 'lastName', dir: 'asc' } }, 1);
await time('  then students sort division', 'students.list', { sort: { key: 'division', dir: 'asc' } }, 1);
const link = db.get<{ id: string; student_id: string }>('SELECT id, student_id FROM guardianship WHERE guardian_id = ?', [edited]);
if (link) {
  const other = db.get<{ id: string }>('SELECT id FROM guardian WHERE id <> ? AND id NOT IN (SELECT guardian_id FROM guardianship WHERE student_id = ?) LIMIT 1', [edited, link.student_id])!;
  await edit('edit: move a link to another guardian', (tx) => {
    tx.run('UPDATE guardianship SET guardian_id = ? WHERE id = ?', [other.id, link.id]);
    audit(tx, 'guardianship', link.id, 'guardian_id', other.id);
  });
  await time('  then guardians sort childCount', 'guardians.list', { sort: { key: 'childCount', dir: 'desc' } }, 1);
  await time("  then students 'ma'", 'students.list', { query: 'ma' }, 1);
}
console.log(`heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
await db.close();
