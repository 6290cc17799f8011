// Measures the register at a large school's size (not part of the test run):
//   npx tsx test/bench/register-scale.ts [scale=1]
// scale 1 = 100,000 students, 200,000 guardians, 300,000 links, 500,000 audit and outbox rows.
// Prints JSON: bulk snapshot commit, open, small journal edit (median and max), checkpoint, size.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRegister } from '../../electron/core/db/register';

const scale = Number(process.argv[2] ?? '1');
const n = (x: number) => Math.round(x * scale);
const dir = mkdtempSync(path.join(os.tmpdir(), 'sesame-bench-'));
const file = path.join(dir, 'grand.sesame');
const t = () => performance.now();
const at = '2026-09-01T08:00:00.000Z';

async function main(): Promise<void> {
  const r = await openRegister(file);
  let t0 = t();
  const students = n(100_000);
  const guardians = n(200_000);
  await r.write(
    (tx) => {
      for (let i = 0; i < students; i++) {
        tx.run(
          'INSERT INTO student (id, ine, last_name, first_name, birth_date, division, match_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [`s${i}`, `INE${i}`, `NOM${i % 5000}`, `Prénom${i % 300}`, '2014-03-02', `6E${i % 12}`, `nom${i}|prenom|2014-03-02`, at, at],
        );
      }
      for (let i = 0; i < guardians; i++) {
        tx.run(
          'INSERT INTO guardian (id, civility, last_name, first_name, phone, phone_raw, email, email_raw, address_line1, postal_code, city, name_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [`g${i}`, 'Mme', `NOM${i % 5000}`, `Prénom${i % 300}`, `+3361234${String(i).padStart(4, '0')}`, '06 12 34', `p${i}@exemple.fr`, `p${i}@exemple.fr`, `${i} rue des Écoles`, '75005', 'Paris', `nom${i}|prenom`, at, at],
        );
      }
      for (let i = 0; i < n(300_000); i++) {
        tx.run('INSERT INTO guardianship (id, student_id, guardian_id, relation, legal_rank, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
          `l${i}`, `s${Math.floor(i / 3) % students}`, `g${i % guardians}`, 'mère', 1, at,
        ]);
      }
      for (let i = 0; i < n(500_000); i++) {
        tx.run(
          "INSERT INTO audit (id, at, actor, source, entity, entity_id, field, old_value, new_value, run_id) VALUES (?, ?, 'secrétariat', 'import', 'guardian', ?, 'phone', ?, ?, 'run1')",
          [`a${i}`, at, `g${i % guardians}`, '0612345678', '+33612345678'],
        );
        tx.run("INSERT INTO outbox (id, created_at, entity, entity_id, op, payload, state) VALUES (?, ?, 'guardian', ?, 'upsert', ?, 'applied')", [
          `o${i}`, at, `g${i % guardians}`, '{"phone":"+33612345678","email":"p@exemple.fr"}',
        ]);
      }
    },
    { durability: 'snapshot' },
  );
  const bulkMs = t() - t0;
  const bytes = statSync(file).size;
  // The share of the bulk commit spent making it durable (export + write + fsync + rename).
  t0 = t();
  await r.checkpoint();
  const checkpointMs = t() - t0;

  const edits: number[] = [];
  for (let i = 0; i < 50; i++) {
    t0 = t();
    await r.write((tx) => {
      tx.run('UPDATE guardian SET phone = ?, version = version + 1, updated_at = ? WHERE id = ?', [`+3360000${i}`, at, `g${i}`]);
      tx.run(
        "INSERT INTO audit (id, at, actor, source, entity, entity_id, field, old_value, new_value) VALUES (?, ?, 'secrétariat', 'edit', 'guardian', ?, 'phone', NULL, ?)",
        [`ae${i}`, at, `g${i}`, `+3360000${i}`],
      );
    });
    edits.push(t() - t0);
  }
  // Kill-like exit: reopen a copy of the files without closing (journal replay included).
  await r.close();
  t0 = t();
  const again = await openRegister(file);
  const openMs = t() - t0;
  await again.close();
  edits.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      scale,
      megabytes: Math.round(bytes / 1e6),
      bulkCommitMs: Math.round(bulkMs),
      checkpointMs: Math.round(checkpointMs),
      openMs: Math.round(openMs),
      editMedianMs: Number(edits[25]!.toFixed(1)),
      editMaxMs: Number(edits[49]!.toFixed(1)),
    }),
  );
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => (process.env.KEEP_BENCH ? console.log(file) : rmSync(dir, { recursive: true, force: true })));
