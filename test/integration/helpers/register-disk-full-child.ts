// Child for the disk-full test, run under a file-size limit (ulimit -f): writes small edits until
// one is refused, then reports what memory holds and closes.
//   argv: <register file>
import { openRegister } from '../../../electron/core/db/register';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function main(file: string): Promise<void> {
  const register = await openRegister(file, { checkpointBytes: 1 << 30 });
  for (let i = 0; i < 10_000; i++) {
    const name = `d-${i}`;
    try {
      await register.write((tx) => {
        tx.run('INSERT INTO staff (id, name, created_at) VALUES (?, ?, ?)', [name, name, '2026-09-01']);
      });
      out(`ACK ${i}`);
    } catch (e) {
      const err = e as { code?: string; message?: string };
      out(`REJECTED ${i} ${err.code ?? '?'} ${JSON.stringify(err.message ?? '')}`);
      const inMemory = register.get<{ n: number }>('SELECT count(*) AS n FROM staff WHERE name = ?', [name])!.n;
      out(`IN_MEMORY ${inMemory}`);
      const total = register.get<{ n: number }>("SELECT count(*) AS n FROM staff WHERE name LIKE 'd-%'")!.n;
      out(`TOTAL ${total}`);
      break;
    }
  }
  await register.close();
  out('CLOSED');
}

main(process.argv[2]!).catch((e: unknown) => {
  process.stderr.write(`FAIL ${(e as Error).message}\n`);
  process.exit(1);
});
