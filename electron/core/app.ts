import { systemClock, type Clock } from '../../shared/clock';
import { uuidv7Generator, type IdGenerator } from '../../shared/ids';
import type { CoreContext, HandlerTable } from './context';
import { openRegister } from './db/register';
import type { Register } from './db/types';
import { buildHandlerTable, createDispatcher, type Dispatcher } from './dispatch';
import { importHandlers } from './import/handlers';
import { lettersHandlers } from './letters/handlers';
import { recordsHandlers } from './records/handlers';
import { schoolHandlers } from './school/handlers';
import { anomaliesHandlers } from './anomalies/handlers';
import { editsHandlers } from './edits/handlers';
import { historyHandlers } from './history/handlers';
import { mergeHandlers } from './merge/handlers';
import { reportsHandlers } from './reports/handlers';
import { sessionActor, staffHandlers } from './staff/handlers';
import { fileSecretStore, secretsPathFor, type SecretStore } from './sync/secrets';
import { syncHandlers } from './sync/handlers';

/** Every feature's handlers; `buildHandlerTable` refuses a name defined twice. */
export const featureTables: HandlerTable[] = [
  schoolHandlers, importHandlers, recordsHandlers,
  staffHandlers, editsHandlers, historyHandlers, anomaliesHandlers, mergeHandlers, reportsHandlers,
  syncHandlers, lettersHandlers,
];

export interface CoreOptions {
  dbPath: string;
  clock?: Clock;
  ids?: IdGenerator;
  actor?: () => string;
  /** Validate every handler's output against the contract (tests). */
  checkOutput?: boolean;
  onInternalError?: (name: string, err: unknown) => void;
  /** Where the school token is kept; default: `DB.secrets.json`, mode 0600. */
  secrets?: SecretStore;
}

export interface Core extends Dispatcher {
  db: Register;
  /** For the CLI and the bench, which call feature functions directly with file bytes. */
  ctx: CoreContext;
  close(): Promise<void>;
}

/** The application core: one register, one handler table, served by any transport. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const db = await openRegister(options.dbPath, { clock });
  const cache = new Map<string, unknown>();
  const ctx = {
    db,
    clock,
    ids: options.ids ?? uuidv7Generator(() => clock.now().getTime()),
    // The staff member chosen with session.setActor, else 'secrétariat'.
    actor: options.actor ?? sessionActor(cache),
    cache,
    secrets: options.secrets ?? fileSecretStore(secretsPathFor(options.dbPath)),
  };
  const dispatcher = createDispatcher(buildHandlerTable(...featureTables), ctx, {
    checkOutput: options.checkOutput ?? false,
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
  });
  return {
    ...dispatcher,
    db,
    ctx: { ...ctx, emit: dispatcher.emit },
    close: () => db.close(),
  };
}
