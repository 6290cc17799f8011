import { startWorld, school, get } from '../../../service/test/harness';
const w = await startWorld('pglite');
const s = await school(w);
await w.db.query(`INSERT INTO feed (school_id, kind, payload, at) SELECT $1, 'account.notified', jsonb_build_object('guardianId', 'g' || i, 'login', 'l' || i, 'letterExpiresAt', '2027-01-01T00:00:00.000Z'), now() FROM generate_series(0, 1999) AS i ORDER BY i`, [s.id]);
console.log(await w.db.query('SELECT count(*)::int AS n, min(seq)::text AS a, max(seq)::text AS b FROM feed'));
let after = '0';
for (let k = 0; k < 4; k++) { const r = await get(w, `/school/v1/feed?after=${after}&limit=1000`, s.token); const b = r.json(); console.log(r.statusCode, b.events?.length, b.next, JSON.stringify(b).slice(0, 200)); if (!b.events?.length) break; after = b.next; }
await w.close();
