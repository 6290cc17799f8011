import { fixedClock } from '../../shared/clock';
import { uuidv7Generator } from '../../shared/ids';
import type { CoreContext } from '../../electron/core/context';
import { openMemoryRegister } from '../../electron/core/db/register';
import { commitImport, prepareImport } from '../../electron/core/import/handlers';
import { generateSheet } from './generate-sheet';
async function main() {
  const n = Number(process.argv[2] ?? 20000);
  const bytes = new TextEncoder().encode(generateSheet(n));
  const clock = fixedClock();
  const db = await openMemoryRegister();
  const ctx: CoreContext = { db, clock, ids: uuidv7Generator(() => clock.now().getTime()), actor: () => 't', cache: new Map(), emit: () => {} };
  let t = performance.now();
  const p = await prepareImport(ctx, [{ name: 'b.csv', bytes }]);
  const prep = performance.now() - t; t = performance.now();
  await commitImport(ctx, p.token, { markAbsentAsLeft: false, conflictChoices: {} });
  const com = performance.now() - t;
  const pages = db.get<{ n: number }>('PRAGMA page_count');
  await sizes(db);
  console.log(JSON.stringify({ n, prep: Math.round(prep), commit: Math.round(com), pages, cache: process.env.IMPORT_CACHE }));
}
main();
export async function sizes(db: any) {
  for (const t of ['student', 'guardian', 'guardianship', 'audit', 'outbox', 'import_problem']) {
    const r = db.get(`SELECT count(*) AS n FROM ${t}`);
    console.log(t, r);
  }
  console.log(db.get("SELECT avg(length(new_value)) AS nv, avg(length(id)) AS id FROM audit"));
  console.log(db.get("SELECT avg(length(payload)) AS p FROM outbox"));
  console.log(db.get("SELECT avg(length(message)) AS m FROM import_problem"));
}
