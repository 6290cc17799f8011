import { openRegister } from '../../db/register';
import { createDispatcher } from '../../dispatch';
import { uuidv7Generator } from '../../../../shared/ids';
import { recordsHandlers } from '../handlers';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
const db = await openRegister('/tmp/recbench/reg.sesame');
const d = createDispatcher(recordsHandlers, { db, clock: { now: () => new Date() } as never, ids: uuidv7Generator(() => 0), actor: () => 'b', cache: new Map() });
await d.dispatch('guardians.list', {});
await d.dispatch('students.list', {});
for (const [k, dir] of [['lastName', 'desc'], ['phone', 'desc'], ['childCount', 'desc'], ['firstName', 'asc'], ['email', 'asc']]) await d.dispatch('guardians.list', { sort: { key: k, dir } });
const id = db.get<{ id: string }>('SELECT id FROM guardian LIMIT 1 OFFSET 500')!.id;
await db.write((tx) => tx.run('UPDATE guardian SET phone = ? WHERE id = ?', [`+33611223349`, id]));
await d.dispatch('guardians.list', {});
const s = new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.setSamplingInterval', { interval: 100 }); await s.post('Profiler.start');
for (let k = 0; k < 20; k++) {
  await db.write((tx) => tx.run('UPDATE guardian SET phone = ? WHERE id = ?', [`+3361122334${k}`, id]));
  await d.dispatch('guardians.list', {});
}
const { profile } = await s.post('Profiler.stop');
writeFileSync('/tmp/recprof/edit.cpuprofile', JSON.stringify(profile));
await db.close();
