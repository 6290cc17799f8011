// The letter log of one guardian, newest first.
import type { LetterLogEntry } from '../../../shared/contract/letters';
import type { Register } from '../db/types';

export function letterLog(db: Register, guardianId: string): LetterLogEntry[] {
  return db
    .all<{ id: string; batch_id: string; batch_title: string | null; printed_at: string; printed_by: string; expires_at: string | null; kind: string; reissued: number }>(
      'SELECT id, batch_id, batch_title, printed_at, printed_by, expires_at, kind, reissued FROM letter WHERE guardian_id = ? ORDER BY printed_at DESC, rowid DESC',
      [guardianId],
    )
    .map((r) => ({
      id: r.id,
      batchId: r.batch_id,
      title: r.batch_title,
      printedAt: r.printed_at,
      printedBy: r.printed_by,
      expiresAt: r.expires_at,
      kind: r.kind === 'reminder' ? 'reminder' : 'credentials',
      reissued: Number(r.reissued) === 1,
    }));
}
