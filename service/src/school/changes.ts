import { z } from 'zod';
import { entityData, type Change, type ChangeResult, type FirstOutcome } from '../../../shared/service-api/school';
import type { Queryable, Row } from '../db/types';
import type { Deps } from '../deps';
import type { SchoolRow } from '../http';
import { sha256 } from '../security/crypto';
import { columnsOf, dataOf, TABLE } from './records';

/**
 * Applies a batch in order, each change in its own transaction together with its idempotency
 * record: a retry after a cut connection finds the key and answers 'duplicate' with the
 * original outcome, and nothing is applied twice.
 */
export async function pushChanges(deps: Deps, school: SchoolRow, changes: Change[]): Promise<ChangeResult[]> {
  const results: ChangeResult[] = [];
  for (const change of changes) results.push(await applyOne(deps, school, change));
  return results;
}

async function applyOne(deps: Deps, school: SchoolRow, c: Change): Promise<ChangeResult> {
  const requestHash = sha256(JSON.stringify([c.entity, c.id, c.op, c.baseVersion, c.data ?? null]));
  for (let attempt = 0; ; attempt++) {
    try {
      return await deps.db.tx(async (q) => {
        const seen = await q.query<{ request_hash: string; result: FirstOutcome }>(
          'SELECT request_hash, result FROM change_log WHERE school_id = $1 AND key = $2',
          [school.id, c.key],
        );
        if (seen[0]) {
          if (seen[0].request_hash !== requestHash)
            return { key: c.key, status: 'rejected', reason: 'Clé d’idempotence déjà utilisée pour une autre modification.' } as const;
          const original = seen[0].result;
          return { key: c.key, status: 'duplicate', ...(original.status === 'applied' ? { version: original.version } : {}), original };
        }
        const outcome = await decide(q, deps, school, c);
        await q.query('INSERT INTO change_log (school_id, key, request_hash, result, at) VALUES ($1, $2, $3, $4::jsonb, $5)', [
          school.id,
          c.key,
          requestHash,
          JSON.stringify(outcome),
          deps.clock.now(),
        ]);
        return outcome;
      });
    } catch (err) {
      // Two pushes racing on one key or one new record: the loser retries and sees the winner.
      if (attempt < 3 && isRaceError(err)) continue;
      throw err;
    }
  }
}

const isRaceError = (err: unknown) => ['23505', '40001', '40P01'].includes(String((err as { code?: unknown })?.code));

async function decide(q: Queryable, deps: Deps, school: SchoolRow, c: Change): Promise<FirstOutcome> {
  const table = TABLE[c.entity];
  const current = (await q.query<Row & { version: number; deleted: boolean; rid: string }>(
    `SELECT * FROM ${table} WHERE school_id = $1 AND id = $2 FOR UPDATE`,
    [school.id, c.id],
  ))[0];
  const currentVersion = current?.version ?? 0;
  if ((c.baseVersion ?? 0) !== currentVersion) {
    return {
      key: c.key,
      status: 'conflict',
      current: current ? { version: current.version, deleted: current.deleted, data: dataOf(c.entity, current) } : { version: 0, deleted: true, data: {} },
    };
  }
  const now = deps.clock.now();
  if (c.op === 'delete') {
    // Never seen: nothing to delete, and nothing to remember beyond the key.
    if (!current) return { key: c.key, status: 'applied', version: 0 };
    await q.query(`UPDATE ${table} SET deleted = TRUE, version = version + 1, updated_at = $2 WHERE rid = $1`, [current.rid, now]);
    return { key: c.key, status: 'applied', version: current.version + 1 };
  }

  const parsed = entityData[c.entity].safeParse(c.data);
  if (!parsed.success) return { key: c.key, status: 'rejected', reason: `Données invalides : ${describe(parsed.error)}` };
  if (c.entity === 'guardianship') {
    const d = parsed.data as { studentId: string; guardianId: string };
    const missing = await missingEnds(q, school.id, d.studentId, d.guardianId);
    if (missing) return { key: c.key, status: 'rejected', reason: missing };
  }
  const cols = columnsOf(c.entity, parsed.data as never);
  const names = Object.keys(cols);
  const values = Object.values(cols);
  if (current) {
    const sets = names.map((n, i) => `${n} = $${i + 3}${n === 'data' ? '::jsonb' : ''}`).join(', ');
    await q.query(`UPDATE ${table} SET ${sets}, deleted = FALSE, version = version + 1, updated_at = $2 WHERE rid = $1`, [current.rid, now, ...values]);
    return { key: c.key, status: 'applied', version: current.version + 1 };
  }
  const placeholders = names.map((n, i) => `$${i + 5}${n === 'data' ? '::jsonb' : ''}`).join(', ');
  await q.query(
    `INSERT INTO ${table} (rid, school_id, id, updated_at, version, ${names.join(', ')}) VALUES ($1, $2, $3, $4, 1, ${placeholders})`,
    [deps.newId(), school.id, c.id, now, ...values],
  );
  return { key: c.key, status: 'applied', version: 1 };
}

async function missingEnds(q: Queryable, schoolId: string, studentId: string, guardianId: string): Promise<string | null> {
  const s = await q.query('SELECT 1 FROM student WHERE school_id = $1 AND id = $2 AND NOT deleted', [schoolId, studentId]);
  if (!s.length) return `Élève « ${studentId} » inconnu du service : envoyez l’élève avant le lien.`;
  const g = await q.query('SELECT 1 FROM guardian WHERE school_id = $1 AND id = $2 AND NOT deleted', [schoolId, guardianId]);
  if (!g.length) return `Responsable « ${guardianId} » inconnu du service : envoyez le responsable avant le lien.`;
  return null;
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `champ « ${i.path.join('.')} » : ${i.message}` : i.message))
    .join(' ; ');
}
