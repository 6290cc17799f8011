// A hand-built core context over a real register, for the import integration tests.
import { fixedClock } from '../../shared/clock';
import type { AppEvent } from '../../shared/contract';
import { sequentialIds } from '../../shared/ids';
import type { CoreContext } from '../../electron/core/context';
import { openMemoryRegister } from '../../electron/core/db/register';
import type { Register } from '../../electron/core/db/types';
import { commitImport, prepareImport, type MappingChoices } from '../../electron/core/import/handlers';

export interface TestCore {
  ctx: CoreContext;
  db: Register;
  events: AppEvent[];
}

export async function testCore(db?: Register): Promise<TestCore> {
  const register = db ?? (await openMemoryRegister());
  const events: AppEvent[] = [];
  const ctx: CoreContext = {
    db: register,
    clock: fixedClock('2026-09-01T08:00:00.000Z'),
    ids: sequentialIds(),
    actor: () => 'Test Secrétariat',
    emit: (e) => events.push(e),
    cache: new Map(),
  };
  return { ctx, db: register, events };
}

export const file = (name: string, bytes: Uint8Array) => ({ name, bytes });
export const utf8 = (text: string) => new TextEncoder().encode(text);

/** Prepares and commits in one go; fails the test if a mapping is needed. */
export async function importAll(
  ctx: CoreContext,
  files: Array<{ name: string; bytes: Uint8Array }>,
  options: { mapping?: MappingChoices; markAbsentAsLeft?: boolean; conflictChoices?: Record<string, 'keep' | 'incoming'> } = {},
) {
  const prepared = await prepareImport(ctx, files, options.mapping);
  if (!prepared.plan) throw new Error(`needs mapping: ${JSON.stringify(prepared.files.map((f) => f.missingRequired))}`);
  const summary = await commitImport(ctx, prepared.token, {
    markAbsentAsLeft: options.markAbsentAsLeft ?? false,
    conflictChoices: options.conflictChoices ?? {},
  });
  return { prepared, plan: prepared.plan, summary };
}

export function count(db: Register, table: string, where = '1 = 1', params: Array<string | number> = []): number {
  return Number(db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params)?.n ?? 0);
}
