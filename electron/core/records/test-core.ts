// A core over an in-memory register for tests: the real dispatcher, with output checking.

import { fixedClock } from '../../../shared/clock';
import type { AppEvent } from '../../../shared/contract';
import { sequentialIds } from '../../../shared/ids';
import { openMemoryRegister } from '../db/register';
import type { Register } from '../db/types';
import { buildHandlerTable, createDispatcher, type Dispatcher } from '../dispatch';
import { schoolHandlers } from '../school/handlers';
import { recordsHandlers } from './handlers';

export interface TestCore extends Dispatcher {
  db: Register;
  events: AppEvent[];
  cache: Map<string, unknown>;
}

export async function openTestCore(): Promise<TestCore> {
  const db = await openMemoryRegister();
  const cache = new Map<string, unknown>();
  const dispatcher = createDispatcher(
    buildHandlerTable(recordsHandlers, schoolHandlers),
    { db, clock: fixedClock('2024-09-02T08:00:00.000Z'), ids: sequentialIds(), actor: () => 'test', cache },
    { checkOutput: true, onInternalError: (_name, err) => console.error(err) },
  );
  const events: AppEvent[] = [];
  dispatcher.subscribe((e) => events.push(e));
  return { ...dispatcher, db, events, cache } as TestCore;
}

/** Unwraps a Result, failing the test with the error when it is not ok. */
export function valueOf<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
