import initSqlJs from 'sql.js';
import schema from '../../electron/core/db/migrations/001-initial';
const SQL = await initSqlJs();
const db = new SQL.Database();
db.exec(schema); db.exec('PRAGMA cache_size=-200000; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;');
const N = 100000;
let t = performance.now();
db.exec('BEGIN');
const ins = db.prepare('INSERT INTO student (id, ine, last_name, first_name, birth_date, division, match_key, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)');
for (let i = 0; i < N; i++) { ins.run([`0190000-${String(i).padStart(8,"0")}-aaaa-bbbb-cccc`, `${i}AB`, 'DUPONT', 'Jean', '2012-01-01', '6A', `dupont|jean|2012-01-01|${i}`, '2026-09-01T08:00:00.000Z', '2026-09-01T08:00:00.000Z']); }
console.log('students single', performance.now() - t);
t = performance.now();
const B = 50;
const sql = 'INSERT INTO guardian (id, civility, last_name, first_name, phone, email, address_line1, postal_code, city, name_key, created_at, updated_at) VALUES ' + Array(B).fill('(?,?,?,?,?,?,?,?,?,?,?,?)').join(',');
const g = db.prepare(sql);
for (let i = 0; i < 150000; i += B) { const p: any[] = []; for (let j = 0; j < B; j++) p.push(`0190000-${String(i+j).padStart(8,"0")}-gggg-bbbb-cccc`, 'Mme', 'DUPONT', 'Marie', '+33612345678', 'marie@example.fr', '12 rue des Écoles', '75001', 'PARIS', 'dupont marie', '2026-09-01T08:00:00.000Z', '2026-09-01T08:00:00.000Z'); g.run(p); }
console.log('guardians batched', performance.now() - t);
t = performance.now();
const a = db.prepare('INSERT INTO audit (id, at, actor, source, entity, entity_id, field, old_value, new_value, run_id) VALUES ' + Array(B).fill('(?,?,?,?,?,?,?,?,?,?)').join(','));
for (let i = 0; i < 250000; i += B) { const p: any[] = []; for (let j = 0; j < B; j++) p.push(`0190000-${String(i+j).padStart(8,"0")}-aaaa-dddd-cccc`, '2026-09-01T08:00:00.000Z', 'secrétariat', 'import', 'guardian', `0190000-${String(i+j).padStart(8,"0")}-gggg-bbbb-cccc`, '*', null, '{"lastName":"DUPONT","firstName":"Marie","phone":"+33612345678","email":"marie@example.fr"}', 'run'); a.run(p); }
console.log('audit batched', performance.now() - t);
t = performance.now();
const o = db.prepare('INSERT INTO outbox (id, created_at, entity, entity_id, op, payload, base_version) VALUES ' + Array(B).fill('(?,?,?,?,?,?,?)').join(','));
for (let i = 0; i < 250000; i += B) { const p: any[] = []; for (let j = 0; j < B; j++) p.push(`0190000-${String(i+j).padStart(8,"0")}-oooo-dddd-cccc`, '2026-09-01T08:00:00.000Z', 'guardian', `0190000-${String(i+j).padStart(8,"0")}-gggg-bbbb-cccc`, 'upsert', '{"lastName":"DUPONT","firstName":"Marie","phone":"+33612345678","email":"marie@example.fr","students":["0190000-1-aaaa-bbbb-cccc"]}', 0); o.run(p); }
console.log('outbox batched', performance.now() - t);
t = performance.now();
db.exec('COMMIT');
console.log('commit', performance.now() - t);
t = performance.now();
const img = db.export();
console.log('export', performance.now() - t, img.length);
