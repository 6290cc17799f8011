import type { AppEvent, CallName, Output, Result } from '../../shared/contract';
import { contract } from '../../shared/contract';
import type { CoreContext, HandlerTable } from './context';
import { AppFailure } from './errors';

/** Combines feature tables into one, refusing a name defined twice or unknown to the contract. */
export function buildHandlerTable(...tables: HandlerTable[]): HandlerTable {
  const all: Record<string, unknown> = {};
  for (const table of tables) {
    for (const [name, handler] of Object.entries(table)) {
      if (name in all) throw new Error(`Handler defined twice: ${name}`);
      if (!(name in contract)) throw new Error(`Handler for a call missing from the contract: ${name}`);
      all[name] = handler;
    }
  }
  return all as HandlerTable;
}

export function missingHandlers(table: HandlerTable): string[] {
  return Object.keys(contract).filter((name) => !(name in table));
}

export interface Dispatcher {
  dispatch<N extends CallName>(name: N, input: unknown): Promise<Result<Output<N>>>;
  dispatch(name: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: AppEvent) => void): () => void;
  /** Emits to subscribers, as a handler's `ctx.emit` does. */
  emit(event: AppEvent): void;
}

const issuesMessage = (issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string =>
  issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')} : ${i.message}` : i.message))
    .join(' ; ');

/**
 * Validates input, runs the handler, and always resolves to a Result envelope. Writes run one at a
 * time in arrival order; reads run at once (sql.js is synchronous, so a read never sees a write
 * half-done).
 */
export function createDispatcher(
  table: HandlerTable,
  ctx: Omit<CoreContext, 'emit'>,
  options: { checkOutput?: boolean; onInternalError?: (name: string, err: unknown) => void } = {},
): Dispatcher {
  const listeners = new Set<(event: AppEvent) => void>();
  const emit = (event: AppEvent) => {
    for (const l of [...listeners]) {
      try {
        l(event);
      } catch {
        // A broken listener must not break the write that emitted.
      }
    }
  };
  const fullCtx: CoreContext = { ...ctx, emit };
  let writeQueue: Promise<unknown> = Promise.resolve();

  async function run(name: string, input: unknown): Promise<Result<unknown>> {
    const spec = (contract as Record<string, (typeof contract)[CallName]>)[name];
    const handler = (table as Record<string, ((i: unknown, c: CoreContext) => unknown) | undefined>)[name];
    if (!spec || !handler) {
      return { ok: false, error: { code: 'unknown_call', message: `Action inconnue : ${name}` } };
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `Données invalides : ${issuesMessage(parsed.error.issues)}`,
          details: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
        },
      };
    }
    try {
      const value = await handler(parsed.data, fullCtx);
      if (options.checkOutput) {
        const out = spec.output.safeParse(value);
        if (!out.success) throw new Error(`Output of ${name} breaks the contract: ${issuesMessage(out.error.issues)}`);
      }
      return { ok: true, value };
    } catch (err) {
      if (err instanceof AppFailure) return { ok: false, error: err.toError() };
      options.onInternalError?.(name, err);
      // The message is generic on purpose: an internal error may quote personal data.
      return {
        ok: false,
        error: { code: 'internal', message: 'Erreur interne de Sésame. L’opération n’a pas été enregistrée.' },
      };
    }
  }

  return {
    dispatch(name: string, input: unknown) {
      const spec = (contract as Record<string, { kind: string } | undefined>)[name];
      if (spec?.kind !== 'write') return run(name, input);
      const result = writeQueue.then(() => run(name, input));
      writeQueue = result.catch(() => undefined);
      return result;
    },
    emit,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  } as Dispatcher;
}
