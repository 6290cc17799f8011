import { openMemoryRegister } from '../../db/register';
import { fillSyntheticRegister } from '../test-data';

const N = Number(process.argv[2] ?? 20000);
const withTriggers = process.argv[3] === 'on';
const db = await openMemoryRegister();
const tc = () => db.get<{ c: number }>('SELECT total_changes() AS c')!.c;
console.log('tc0', tc());
const ddl = [
  `CREATE TEMP TABLE IF NOT EXISTS records_changed (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, id TEXT NOT NULL, UNIQUE (kind, id))`,
  `CREATE TEMP TRIGGER IF NOT EXISTS records_s_i AFTER INSERT ON main.student BEGIN INSERT OR REPLACE INTO records_changed (kind, id) VALUES ('s', NEW.id); END`,
  `CREATE TEMP TRIGGER IF NOT EXISTS records_g_i AFTER INSERT ON main.guardian BEGIN INSERT OR REPLACE INTO records_changed (kind, id) VALUES ('g', NEW.id); END`,
  `CREATE TEMP TRIGGER IF NOT EXISTS records_l_i AFTER INSERT ON main.guardianship BEGIN INSERT OR REPLACE INTO records_changed (kind, id) VALUES ('s', NEW.student_id), ('g', NEW.guardian_id); END`,
];
if (withTriggers) for (const s of ddl) db.get(s);
console.log('tc after ddl', tc());
const c0 = process.cpuUsage();
const t = performance.now();
const s = await fillSyntheticRegister(db, { students: N });
const c = process.cpuUsage(c0);
console.log(`fill ${withTriggers} ${s.students}/${s.guardians}/${s.links}: ${(performance.now() - t).toFixed(0)} ms cpu ${((c.user + c.system) / 1000).toFixed(0)}`);
console.log('tc after fill', tc());
if (withTriggers) {
  console.log(db.get('SELECT count(*) n, max(seq) m FROM temp.records_changed'));
  db.get('DROP TABLE temp.records_changed');
  console.log('tc after drop', tc());
  for (const s of ddl) db.get(s);
  console.log('tc after recreate', tc(), db.get(`SELECT count(*) n FROM temp.sqlite_master WHERE type='trigger'`));
  await db.write((tx) => tx.run(`UPDATE guardian SET phone = NULL WHERE rowid = 5`));
  console.log(db.get('SELECT count(*) n, max(seq) m FROM temp.records_changed'), tc());
}
