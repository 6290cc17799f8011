// A core for the corrections tests: the corrections features (plus records and school) over an
// in-memory register, a steppable clock, deterministic ids, the session actor, output checking.

import { fixedClock, type SteppableClock } from '../../../shared/clock';
import type { AppEvent } from '../../../shared/contract';
import { sequentialIds } from '../../../shared/ids';
import { anomaliesHandlers } from '../anomalies/handlers';
import { historyHandlers } from '../history/handlers';
import { mergeHandlers } from '../merge/handlers';
import { recordsHandlers } from '../records/handlers';
import { reportsHandlers } from '../reports/handlers';
import { schoolHandlers } from '../school/handlers';
import { staffHandlers } from '../staff/handlers';
import { editsHandlers } from './handlers';
import { openMemoryRegister } from '../db/register';
import type { Register, Tx } from '../db/types';
import { buildHandlerTable, createDispatcher, type Dispatcher } from '../dispatch';
import type { CoreContext } from '../context';
import { sessionActor } from '../staff/staff';
import { guardianNameKey, studentMatchKey } from '../../../shared/import/keys';

export interface CorrectionsCore extends Dispatcher {
  db: Register;
  clock: SteppableClock;
  events: AppEvent[];
  ctx: CoreContext;
}

export async function openCorrectionsCore(options: { db?: Register; now?: string } = {}): Promise<CorrectionsCore> {
  const db = options.db ?? (await openMemoryRegister());
  const cache = new Map<string, unknown>();
  const clock = fixedClock(options.now ?? '2024-09-02T08:00:00.000Z');
  const base = { db, clock, ids: sequentialIds(), actor: sessionActor(cache), cache };
  const dispatcher = createDispatcher(buildHandlerTable(
      schoolHandlers, recordsHandlers, staffHandlers, editsHandlers, historyHandlers, anomaliesHandlers, mergeHandlers, reportsHandlers,
    ), base, {
    checkOutput: true,
    onInternalError: (_name, err) => console.error(err),
  });
  const events: AppEvent[] = [];
  dispatcher.subscribe((e) => events.push(e));
  return { ...dispatcher, db, clock, events, ctx: { ...base, emit: dispatcher.emit } } as CorrectionsCore;
}

export function ok<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string; details?: unknown } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.details ?? '')}`);
  return result.value;
}

export function failure(result: { ok: boolean; error?: { code: string; message: string; details?: unknown } }) {
  if (result.ok || !result.error) throw new Error('expected a failure');
  return result.error as { code: string; message: string; details?: { field?: string; fields?: Array<{ field: string; code: string; message: string }>; current?: unknown } };
}

const T = '2024-09-01T08:00:00.000Z';

export interface GuardianSeed {
  id: string;
  last: string;
  first: string;
  civility?: string | null;
  phone?: string | null;
  phoneRaw?: string | null;
  email?: string | null;
  emailRaw?: string | null;
  address?: string | null;
  postal?: string | null;
  country?: string | null;
}

export interface StudentSeed {
  id: string;
  last: string;
  first: string;
  birth?: string | null;
  birthRaw?: string | null;
  division?: string | null;
  status?: 'enrolled' | 'left';
}

/** Small registers written with SQL, as the import would have left them. */
let phoneCounter = 0;
export function seed(tx: Tx) {
  return {
    guardian(g: GuardianSeed): void {
      tx.run(
        `INSERT INTO guardian (id, civility, last_name, first_name, phone, phone_raw, email, email_raw, address_line1, address_line2,
           postal_code, city, country, name_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`,
        [g.id, g.civility ?? null, g.last, g.first, g.phone === undefined ? `+336${String(10_000_000 + ++phoneCounter).slice(-8)}` : g.phone, g.phoneRaw ?? null,
          g.email === undefined ? `${g.id}@exemple.fr` : g.email, g.emailRaw ?? null, g.address ?? null, g.postal ?? '69003',
          'Lyon', g.country ?? 'FRANCE', guardianNameKey(g.last, g.first), T, T],
      );
    },
    student(s: StudentSeed): void {
      tx.run(
        `INSERT INTO student (id, ine, ine_raw, last_name, first_name, birth_date, birth_date_raw, division, status, match_key, created_at, updated_at)
         VALUES (?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [s.id, s.last, s.first, s.birth === undefined ? '2013-05-03' : s.birth, s.birthRaw ?? null, s.division ?? '6A', s.status ?? 'enrolled', studentMatchKey(s.last, s.first, s.birth === undefined ? '2013-05-03' : s.birth), T, T],
      );
    },
    link(studentId: string, guardianId: string, rank: number, relation: string | null = null, id = `l-${studentId}-${guardianId}`): void {
      tx.run('INSERT INTO guardianship (id, student_id, guardian_id, relation, legal_rank, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        id, studentId, guardianId, relation, rank, T,
      ]);
    },
  };
}
