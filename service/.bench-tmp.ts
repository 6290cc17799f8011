import autocannon from 'autocannon';
import { buildService } from './src/app';
import { addSchool, openDepartement } from './src/admin';
import { openDb } from './src/db/open';
import { systemClock } from '../shared/clock';

const url = process.env.BENCH_DB;
const schema = `bench_${Date.now()}`;
const db = await openDb(url ? { databaseUrl: url, schema } : {});
const app = await buildService({ db, config: { rateLimits: { perTarget: { max: 1e9, windowMs: 60000 } } } });
const address = await app.listen({ host: '127.0.0.1', port: 0 });
const s = await addSchool(db, systemClock, { uai: '0310009Z', name: 'Bench', departement: '31' });
await openDepartement(db, '31', new Date('2020-01-01'));
const phones: string[] = [];
for (let b = 0; b < 5; b++) {
  const changes = [];
  for (let i = 0; i < 200; i++) {
    const n = b * 200 + i;
    const phone = `+3361${String(1000000 + n).padStart(7, '0')}`;
    phones.push(phone);
    changes.push({ key: `g${n}`, entity: 'guardian', id: `g${n}`, op: 'upsert', baseVersion: 0, data: { lastName: 'B', firstName: `P${n}`, phone } });
    changes.push({ key: `s${n}`, entity: 'student', id: `s${n}`, op: 'upsert', baseVersion: 0, data: { lastName: 'B', firstName: `E${n}`, birthDate: '2015-01-01' } });
    changes.push({ key: `l${n}`, entity: 'guardianship', id: `l${n}`, op: 'upsert', baseVersion: 0, data: { studentId: `s${n}`, guardianId: `g${n}` } });
  }
  await app.inject({ method: 'POST', url: '/school/v1/changes', headers: { authorization: `Bearer ${s.token}` }, payload: { changes } });
}
await app.inject({ method: 'POST', url: '/school/v1/letters', headers: { authorization: `Bearer ${s.token}` }, payload: { guardianIds: phones.slice(0, 200).map((_, i) => `g${i}`) } });
import { writeFileSync } from 'node:fs';
writeFileSync('/tmp/bench-target.json', JSON.stringify({ address, token: s.token, phones }));
console.log('ready', address);
process.on('SIGTERM', async () => { await app.close(); if (url) await db.query(`DROP SCHEMA ${schema} CASCADE`); await db.close(); process.exit(0); });
