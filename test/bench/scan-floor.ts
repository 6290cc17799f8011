// The least sql.js can spend handing the anomaly rules their input: for every guardian its id, name
// key, phone, email and address; for every student its id, status and birth date; for every link its
// two ends and legal rank. Read once per table in the fastest form found (one group_concat string,
// then split into cells), with no object, index or rule built. A scan whose rules run in JS cannot
// read its register faster on this engine, so this figure bounds what the full scan can reach.
import type { Register } from '../../electron/core/db/types';
import { repeat } from './stats';

const SEP = '\u001f';
const READS: Record<string, string[]> = {
  guardian: ['id', 'name_key', 'phone', 'email', 'address_line1', 'postal_code'],
  student: ['id', 'status', 'birth_date'],
  guardianship: ['student_id', 'guardian_id', 'legal_rank'],
};

/** Cells read (all tables) and wall times (ms) of `runs` reads. */
export async function scanReadFloor(db: Pick<Register, 'get'>, runs: number): Promise<{ cells: number; ms: number[] }> {
  let cells = 0;
  const ms = await repeat(runs, () => {
    cells = 0;
    for (const [table, columns] of Object.entries(READS)) {
      const expr = columns.map((c) => `ifnull(${c}, '')`).join(` || '${SEP}' || `);
      const x = db.get<{ x: string | null }>(`SELECT group_concat(${expr}, '${SEP}') AS x FROM ${table}`)?.x ?? '';
      cells += x.split(SEP).length;
    }
  });
  return { cells, ms };
}
