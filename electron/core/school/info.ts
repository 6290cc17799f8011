// app.info: what the app shows in its header and about box.

import type { Output } from '../../../shared/contract';
import type { School } from '../../../shared/contract/school';
import type { CoreContext } from '../context';
import type { Register } from '../db/types';
import pkg from '../../../package.json';

export function readSchool(db: Pick<Register, 'get'>): School {
  const row = db.get<{ uai: string | null; name: string; address: string | null; departement: string | null }>(
    `SELECT uai, name, address, departement FROM school WHERE id = 'school'`,
  );
  return {
    uai: row?.uai ?? null,
    name: row?.name ?? '',
    address: row?.address ?? null,
    departement: row?.departement ?? null,
  };
}

/** import_run.file_names is a JSON array; older or hand-made rows may hold a plain name. */
export function parseFileNames(stored: string): string[] {
  try {
    const parsed: unknown = JSON.parse(stored);
    if (Array.isArray(parsed)) return parsed.map(String);
    if (typeof parsed === 'string') return [parsed];
  } catch {
    // not JSON: a plain file name
  }
  return stored ? [stored] : [];
}

export function appInfo(ctx: CoreContext): Output<'app.info'> {
  const counts = ctx.db.get<{ students: number; enrolled: number; guardians: number }>(
    `SELECT (SELECT count(*) FROM student) AS students,
            (SELECT count(*) FROM student WHERE status = 'enrolled') AS enrolled,
            (SELECT count(*) FROM guardian) AS guardians`,
  );
  const last = ctx.db.get<{ at: string; file_names: string }>(
    'SELECT at, file_names FROM import_run ORDER BY at DESC, id DESC LIMIT 1',
  );
  return {
    version: pkg.version,
    dbPath: ctx.db.path,
    school: readSchool(ctx.db),
    counts: {
      students: counts?.students ?? 0,
      enrolled: counts?.enrolled ?? 0,
      guardians: counts?.guardians ?? 0,
    },
    lastImport: last ? { at: last.at, fileNames: parseFileNames(last.file_names) } : null,
  };
}
