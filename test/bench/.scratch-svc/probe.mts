import { startWorld, school, family, nextPhone, freshDb } from '../../../service/test/harness';
const backend = (process.argv[2] ?? 'pg') as 'pg' | 'pglite';
const w = await startWorld(backend, { rateLimits: { perIp: { max: 1e9, windowMs: 60000 }, perTarget: { max: 1e9, windowMs: 60000 } } });
const s = await school(w);
const phones: string[] = [];
let t = performance.now();
for (let i = 0; i < 100; i++) { const p = nextPhone(); phones.push(p); await family(w, s.token, { guardian: { id: `g${i}`, lastName: `N${i}`, firstName: 'A', phone: p }, children: [{ id: `s${i}`, lastName: `N${i}`, firstName: 'B', birthDate: '2014-01-01' }] }); }
console.log('push 100 families (300 changes)', (performance.now() - t).toFixed(0), 'ms');
const time = async (label: string, n: number, fn: (i: number) => Promise<unknown>) => { const t0 = performance.now(); for (let i = 0; i < n; i++) await fn(i); console.log(label, ((performance.now() - t0) / n).toFixed(2), 'ms/op'); };
await time('health', 300, () => w.app.inject({ method: 'GET', url: '/health' }));
await time('sms start', 300, async (i) => { const r = await w.app.inject({ method: 'POST', url: '/parent/v1/activation/sms/start', payload: { phone: phones[i % 100] } }); if (r.statusCode !== 200) throw new Error(r.body); });
await time('feed', 300, () => w.app.inject({ method: 'GET', url: '/school/v1/feed?after=0', headers: s.auth }));
const { normalisePhone } = await import('../../../shared/domain/phones');
await time('normalisePhone', 1000, async (i) => normalisePhone(`06 12 ${String(i).padStart(2,'0')} 00 01`));
await w.close();
