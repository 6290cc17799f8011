import { openRegister } from '../../db/register';
import { createDispatcher } from '../../dispatch';
import { uuidv7Generator } from '../../../../shared/ids';
import { recordsHandlers } from '../handlers';
const db = await openRegister('/tmp/recbench/reg.sesame');
const d = createDispatcher(recordsHandlers, { db, clock: { now: () => new Date() } as never, ids: uuidv7Generator(() => 0), actor: () => 'b', cache: new Map() });
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
async function t(label: string, f: () => Promise<unknown>) { const c0 = cpu(); const w0 = performance.now(); await f(); console.log(label.padEnd(40), (performance.now() - w0).toFixed(1), 'ms cpu', (cpu() - c0).toFixed(1)); }
await t('build g', () => d.dispatch('guardians.list', {}));
await t('build s', () => d.dispatch('students.list', {}));
for (const [k, dir] of [['lastName', 'desc'], ['phone', 'desc'], ['childCount', 'desc'], ['firstName', 'asc'], ['email', 'asc']]) await t('g sort ' + k, () => d.dispatch('guardians.list', { sort: { key: k, dir } }));
for (const [k, dir] of [['division', 'asc'], ['birthDate', 'desc'], ['firstName', 'asc']]) await t('s sort ' + k, () => d.dispatch('students.list', { sort: { key: k, dir } }));
const id = db.get<{ id: string }>('SELECT id FROM guardian LIMIT 1 OFFSET 500')!.id;
for (let k = 0; k < 6; k++) {
  await t('edit', () => db.write((tx) => tx.run('UPDATE guardian SET phone = ? WHERE id = ?', [`+3361122334${k}`, id])));
  await t('  list empty (patch)', () => d.dispatch('guardians.list', {}));
  await t('  students empty (patch)', () => d.dispatch('students.list', {}));
  await t('  search phone', () => d.dispatch('guardians.list', { query: `0611223 34${k}` }));
}
await db.close();
