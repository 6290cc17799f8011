// Forward-only migrations: PRAGMA user_version is the number of migrations applied.
import { AppFailure } from '../errors';
import type { Connection } from './connection';

export function userVersion(conn: Connection): number {
  const row = conn.get<{ user_version: number }>('PRAGMA user_version');
  return Number(row?.user_version ?? 0);
}

/** Refuses a register written by a newer Sésame, before anything touches it. */
export function assertNotTooNew(conn: Connection, known: readonly string[]): void {
  const v = userVersion(conn);
  if (v > known.length) {
    throw new AppFailure(
      'too_new',
      `Ce registre a été créé par une version plus récente de Sésame (schéma ${v}, cette version connaît ` +
        `le schéma ${known.length}). Mettez Sésame à jour.`,
      { schema: v, known: known.length },
    );
  }
}

/** Applies the missing migrations, each in its own transaction. Returns how many ran. */
export function migrate(conn: Connection, migrations: readonly string[]): number {
  assertNotTooNew(conn, migrations);
  const from = userVersion(conn);
  for (let i = from; i < migrations.length; i++) {
    try {
      conn.run('BEGIN');
      conn.run(migrations[i]!);
      conn.run(`PRAGMA user_version = ${i + 1}`);
      conn.run('COMMIT');
    } catch (e) {
      try {
        conn.run('ROLLBACK');
      } catch {
        // the failed statement may already have ended the transaction
      }
      throw new AppFailure(
        'internal',
        `La mise à jour du registre a échoué à l'étape ${i + 1} : ${(e as Error).message}. Le fichier n'a pas été modifié.`,
      );
    } finally {
      conn.clearCache();
    }
  }
  return migrations.length - from;
}
