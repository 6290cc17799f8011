// Child process for the register kill loop: opens a register and writes forever (until killed),
// printing one acknowledgement line per write once it resolved, i.e. once it is durable.
//   argv: <register file> <run id> <seed> <bulk rows> [importFirst: 1]
// Edits: one staff row + one audit row in the same transaction (journal durability), fired a few at
// a time without awaiting. Bulk: replaces all 'bulk-*' students by <bulk rows> new ones in one
// write with snapshot durability, like an import.
import { openRegister } from '../../../electron/core/db/register';
import { seededRandom } from '../../../shared/random';

const [file, run, seedText, bulkRowsText, importFirst] = process.argv.slice(2);
if (!file || !run || !seedText || !bulkRowsText) {
  process.stderr.write('usage: register-kill-child <file> <run> <seed> <bulkRows>\n');
  process.exit(2);
}
const bulkRows = Number(bulkRowsText);

const random = seededRandom(Number(seedText));
const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
}; // synchronous on pipes (Linux)

async function main(): Promise<void> {
  const register = await openRegister(file!, { checkpointBytes: 48 * 1024 });
  out(`OPEN ${process.pid}`);
  let edit = 0;
  let bulk = 0;
  // Half the children start with an import, so that kills land in every phase of one.
  let importNext = importFirst === '1' || random() < 0.5;
  for (;;) {
    if (importNext || random() < 0.1) {
      importNext = false;
      const k = bulk++;
      await register.write(
        (tx) => {
          tx.run("DELETE FROM student WHERE division LIKE 'bulk-%'");
          for (let j = 0; j < bulkRows; j++) {
            tx.run(
              'INSERT INTO student (id, last_name, first_name, division, match_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
              [`${run}-${k}-${j}`, `NOM${j}`, `Prénom${j}`, `bulk-${run}-${k}`, `key${j}`, '2026-09-01', '2026-09-01'],
            );
          }
        },
        { durability: 'snapshot' },
      );
      out(`ACK bulk ${run} ${k}`);
    } else {
      const burst = 1 + Math.floor(random() * 3);
      const pending: Promise<void>[] = [];
      for (let b = 0; b < burst; b++) {
        const i = edit++;
        const name = `e-${run}-${i}`;
        pending.push(
          register
            .write((tx) => {
              tx.run('INSERT INTO staff (id, name, created_at) VALUES (?, ?, ?)', [name, name, '2026-09-01']);
              tx.run(
                "INSERT INTO audit (id, at, actor, source, entity, entity_id, field, old_value, new_value) VALUES (?, ?, 'test', 'edit', 'staff', ?, 'name', NULL, ?)",
                [`a-${name}`, '2026-09-01', name, name],
              );
            })
            .then(() => {
              out(`ACK edit ${run} ${i}`);
            }),
        );
      }
      await Promise.all(pending);
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`FAIL ${(e as { code?: string }).code ?? ''} ${(e as Error).message}\n`);
  process.exit(1);
});
