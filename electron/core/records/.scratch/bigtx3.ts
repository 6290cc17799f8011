import { copyFileSync } from 'node:fs';
import { openRegister } from '../../db/register';
const size = process.env.CS;
copyFileSync('/tmp/recbench/reg.sesame', '/tmp/recbench/copy.sesame');
const db = await openRegister('/tmp/recbench/copy.sesame');
if (size) db.get(`PRAGMA cache_size = ${size}`);
const sids = db.all<{ id: string }>('SELECT id FROM student').map((r) => r.id);
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
async function t(label: string, f: () => Promise<unknown>) { const c0 = cpu(); const w0 = performance.now(); await f(); console.log(size, label.padEnd(30), (performance.now() - w0).toFixed(0), 'ms cpu', (cpu() - c0).toFixed(0), 'rss', (process.memoryUsage().rss / 1e6).toFixed(0)); }
for (let round = 0; round < 2; round++)
await t('insert 20k g + links + audit', () => db.write((tx) => {
  for (let k = 0; k < 20000; k++) {
    const id = `${Math.random().toString(36).slice(2)}-${round}-${k}`;
    tx.run(`INSERT INTO guardian (id, last_name, first_name, phone, email, name_key, created_at, updated_at) VALUES (?, 'Martin', 'Léa', ?, ?, ?, 't', 't')`, [id, `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, `${id}@x.fr`, `martin lea ${Math.random()}`]);
    tx.run(`INSERT INTO guardianship (id, student_id, guardian_id, created_at) VALUES (?, ?, ?, 't')`, [`l${id}`, sids[(k * 7919) % sids.length], id]);
    tx.run(`INSERT INTO audit (id, at, actor, source, entity, entity_id, field, new_value) VALUES (?, 't', 'a', 'import', 'guardian', ?, '*', 'x')`, [`a${id}`, id]);
  }
}, { durability: 'snapshot' }));
await db.close();
