// Bulk insert cost per table in an in-memory register, CPU per step (not part of `npm run bench`):
//   npx tsx test/bench/insert-micro.ts [students]
import { reserveForNextWrite } from '../../electron/core/db/connection';
import { openMemoryRegister } from '../../electron/core/db/register';
import { dropSecondaryIndexes, inserter, ROW } from '../../electron/core/import/insert';

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100_000);
  const now = '2026-09-01T08:00:00.000Z';
  const db = await openMemoryRegister();
  const id = (p: string, i: number) => `0190${p}${String(i).padStart(8, '0')}-7000-8000-000000000000`;
  const steps: Record<string, number> = {};
  let last = cpu();
  const mark = (k: string) => {
    const c = cpu();
    steps[k] = Math.round(c - last);
    last = c;
  };
  // As the import does: room for the whole commit, so sql.js's in-memory file never grows by copies.
  if (process.env.NO_ROOM !== '1') reserveForNextWrite(n * 1700);
  await db.write((tx) => {
    tx.run("INSERT INTO import_run (id, at, actor, file_names, file_hash, layout, mapping, summary) VALUES ('run', ?, 'a', '[]', '', '', '{}', '{}')", [now]);
    const dropped = dropSecondaryIndexes(tx, ['student', 'guardian', 'guardianship']);
    mark('start');
    const s = inserter(tx, 'student', [['id', ROW], ['ine', ROW], ['ine_raw', ROW], ['last_name', ROW], ['first_name', ROW], ['birth_date', ROW], ['birth_date_raw', ROW],
      ['division', ROW], ['match_key', ROW], ['created_at', now], ['updated_at', now], ['created_run_id', 'run']]);
    for (let i = 0; i < n; i++) s.add([id('a', i), `${String(i).padStart(10, '0')}AB`, null, `NOM${i % 5000}`, `Prénom${i % 300}`, '2014-03-02', null, `6E${i % 12}`, `NOM${i % 5000}|PRENOM${i % 300}|2014-03-02`]);
    s.flush();
    mark('students');
    const g = inserter(tx, 'guardian', [['id', ROW], ['civility', ROW], ['last_name', ROW], ['first_name', ROW], ['phone', ROW], ['phone_raw', ROW], ['email', ROW], ['email_raw', ROW],
      ['address_line1', ROW], ['address_line2', ROW], ['postal_code', ROW], ['city', ROW], ['country', ROW], ['name_key', ROW], ['created_at', now], ['updated_at', now], ['created_run_id', 'run']]);
    const ng = Math.round(n * 1.3);
    for (let i = 0; i < ng; i++) g.add([id('b', i), 'Mme', `NOM${i % 5000}`, `Prénom${i % 300}`, `+3361234${String(i).padStart(4, '0')}`, `06 12 34 ${i}`, `p${i}@exemple.fr`, `p${i}@exemple.fr`, `${i} rue des Écoles`, null, '75005', 'PARIS', null, `NOM${i % 5000}|PRENOM`]);
    g.flush();
    mark('guardians');
    const l = inserter(tx, 'guardianship', [['id', ROW], ['student_id', ROW], ['guardian_id', ROW], ['relation', ROW], ['legal_rank', ROW], ['created_at', now]]);
    for (let i = 0; i < n * 1.7; i++) l.add([id('c', i), id('a', Math.floor(i / 1.7)), id('b', (i * 7919) % ng), 'mère', (i % 2) + 1]);
    l.flush();
    mark('links');
    dropped.rebuild();
    mark('indexes');
  });
  mark('commit');
  const pages = db.get<{ page_count: number }>('PRAGMA page_count')?.page_count ?? 0;
  console.log(JSON.stringify({ n, steps, mb: Math.round((pages * 4096) / 1e6) }));
  await db.close();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
