import initSqlJs from 'sql.js';
const SQL = await initSqlJs();
for (const [cache, late] of [['-2000', true], ['-100000', true], ['-100000', false]] as const) {
  const db = new SQL.Database();
  db.run('PRAGMA journal_mode = MEMORY'); db.run('PRAGMA synchronous = OFF'); db.run('PRAGMA temp_store = MEMORY');
  db.run(`PRAGMA cache_size = ${cache}`);
  db.run('CREATE TABLE g (id TEXT PRIMARY KEY, name_key TEXT, phone TEXT, payload TEXT)');
  if (!late) { db.run('CREATE INDEX g_name ON g (name_key)'); db.run('CREATE INDEX g_phone ON g (phone)'); }
  const N = 100000;
  let t = performance.now();
  db.run('BEGIN');
  const st = db.prepare('INSERT INTO g VALUES (?,?,?,?)');
  for (let i = 0; i < N; i++) st.run([`01900000-${String(i).padStart(8, '0')}-aaaa-bbbbbbbb`, `NAME${(i * 7919) % 100000}|X`, `+336${(i * 104729) % 100000000}`, 'x'.repeat(200)]);
  const ins = performance.now() - t; t = performance.now();
  if (late) { db.run('CREATE INDEX g_name ON g (name_key)'); db.run('CREATE INDEX g_phone ON g (phone)'); }
  const idx = performance.now() - t; t = performance.now();
  db.run('COMMIT');
  const com = performance.now() - t;
  t = performance.now();
  const img = db.export();
  const exp = performance.now() - t;
  console.log({ cache, late, ins: Math.round(ins), idx: Math.round(idx), com: Math.round(com), exp: Math.round(exp), mb: img.length >> 20 });
  db.close();
}
