// The least sql.js can spend handing the anomaly rules their input: the columns a full scan reads
// of every guardian, student and link (anomalies/model.ts SCAN_READS), read as the scan reads them
// (one BLOB per table, split into fields by offsets: anomalies/cells.ts) with no value indexed and
// no rule run. A scan whose rules run in JS cannot read its register faster on this engine, so
// this figure bounds what the full scan can reach.
import { normalisePhone } from '../../shared/domain';
import { readCells } from '../../electron/core/anomalies/cells';
import { SCAN_READS } from '../../electron/core/anomalies/model';
import type { Register } from '../../electron/core/db/types';
import { repeat } from './stats';

/** Cells read (all tables) and wall times (ms) of `runs` reads. */
export async function scanReadFloor(db: Pick<Register, 'get' | 'all'>, runs: number): Promise<{ cells: number; ms: number[] }> {
  let cells = 0;
  const ms = await repeat(runs, () => {
    cells = 0;
    for (const [table, columns] of Object.entries(SCAN_READS)) {
      const c = readCells(db, columns, table);
      cells += c.count * c.width;
    }
  });
  return { cells, ms };
}

/** The refused raw phones (with their hints), how many read now, and the wall times (ms) of
 * normalising them all. */
export async function refusedPhonesCheck(db: Pick<Register, 'all'>, runs: number): Promise<{ phones: number; readable: number; ms: number[] }> {
  const rows = db.all<{ raw: string; postal: string | null; country: string | null }>(
    'SELECT phone_raw AS raw, postal_code AS postal, country FROM guardian WHERE phone IS NULL AND phone_raw IS NOT NULL',
  );
  let readable = 0;
  const ms = await repeat(runs, () => {
    readable = 0;
    for (const r of rows) if (normalisePhone(r.raw, { postalCode: r.postal, country: r.country }).ok) readable++;
  });
  return { phones: rows.length, readable, ms };
}
