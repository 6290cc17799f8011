// Temporary: DB size breakdown after an import (deleted before hand-over).
import { fixedClock } from '../../shared/clock';
import { uuidv7Generator } from '../../shared/ids';
import type { CoreContext } from '../../electron/core/context';
import { openMemoryRegister } from '../../electron/core/db/register';
import { commitImport, prepareImport } from '../../electron/core/import/handlers';
import { generateSheet } from './generate-sheet';

async function main() {
  const n = Number(process.argv[2] ?? 20000);
  const bytes = new TextEncoder().encode(generateSheet(n));
  const clock = fixedClock('2026-09-01T08:00:00.000Z');
  const db = await openMemoryRegister();
  const ctx: CoreContext = { db, clock, ids: uuidv7Generator(() => clock.now().getTime()), actor: () => 't', cache: new Map(), emit: () => undefined };
  const p = await prepareImport(ctx, [{ name: 'b.csv', bytes }]);
  await commitImport(ctx, p.token, { markAbsentAsLeft: false, conflictChoices: {} });
  const pages = () => Number(db.get<{ page_count: number }>('PRAGMA page_count')!.page_count);
  const total = pages();
  console.log('total MB', ((total * 4096) / 1048576).toFixed(1));
  for (const t of ['student', 'guardian', 'guardianship', 'import_problem', 'audit', 'outbox']) {
    console.log(t, db.get(`SELECT count(*) AS n FROM ${t}`));
  }
  const idx = db.all<{ name: string; tbl_name: string }>("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'");
  await db.write((tx) => {
    let before = pages();
    for (const i of idx.filter((x) => !x.name.startsWith('sqlite_autoindex'))) {
      tx.run(`DROP INDEX ${i.name}`);
    }
    return before;
  });
  // VACUUM is refused inside write(): use free pages instead.
  const free = () => Number(db.get<{ freelist_count: number }>('PRAGMA freelist_count')!.freelist_count);
  console.log('secondary indexes MB', ((free() * 4096) / 1048576).toFixed(1));
  for (const t of ['import_problem', 'guardianship', 'guardian', 'student']) {
    const f0 = free();
    await db.write((tx) => tx.run(`DROP TABLE ${t}`));
    console.log(t, 'MB (with pk/unique autoindexes)', (((free() - f0) * 4096) / 1048576).toFixed(1));
  }
}
main();
