import { openMemoryRegister } from '../../db/register';
import { fillSyntheticRegister } from '../test-data';
const size = process.env.CS;
const db = await openMemoryRegister();
await fillSyntheticRegister(db, { students: 30000 });
if (size) db.get(`PRAGMA cache_size = ${size}`);
const ids = db.all<{ id: string }>('SELECT id FROM guardian').map((r) => r.id);
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
async function t(label: string, f: () => Promise<unknown>) { const c0 = cpu(); const w0 = performance.now(); await f(); console.log(size, label.padEnd(30), (performance.now() - w0).toFixed(0), 'ms cpu', (cpu() - c0).toFixed(0), 'rss', (process.memoryUsage().rss / 1e6).toFixed(0)); }
for (let round = 0; round < 2; round++)
await t('update 20k + audit', () => db.write((tx) => {
  ids.slice(0, 20000).forEach((id, k) => {
    tx.run('UPDATE guardian SET phone = ?, version = version + 1 WHERE id = ?', [`+336${String(10000000 + k + round).slice(0, 8)}`, id]);
    tx.run(`INSERT INTO audit (id, at, actor, source, entity, entity_id, field, new_value) VALUES (?, 't', 'a', 'edit', 'guardian', ?, 'phone', 'x')`, [`${round}-${k}-${Math.random()}`, id]);
  });
}));
await db.close();
