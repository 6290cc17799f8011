import { startWorld } from '../../../service/test/harness';
const w = await startWorld('pg');
const time = async (label: string, n: number, fn: (i: number) => Promise<unknown>) => { const t0 = performance.now(); for (let i = 0; i < n; i++) await fn(i); console.log(label, ((performance.now() - t0) / n).toFixed(2), 'ms/op'); };
await time('fetch sink', 200, () => fetch(w.smsSink.url, { method: 'POST', body: JSON.stringify({ to: 'x', text: 'y' }), headers: { 'content-type': 'application/json' } }).then((r) => r.arrayBuffer()));
await time('insert verification', 100, (i) => w.db.query("INSERT INTO verification (id, kind, phone, secret_hash, created_at, expires_at) VALUES ($1, 'sms_activation', 'p', 'h', now(), now())", [`v${i}`]));
await time('insert async commit', 100, (i) => w.db.tx(async (q) => { await q.query('SET LOCAL synchronous_commit = off'); await q.query("INSERT INTO verification (id, kind, phone, secret_hash, created_at, expires_at) VALUES ($1, 'sms_activation', 'p', 'h', now(), now())", [`w${i}`]); }));
await time('select', 200, () => w.db.query('SELECT 1'));
await w.close();
