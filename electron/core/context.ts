import type { AppEvent, CallName, Output, ParsedInput } from '../../shared/contract';
import type { Clock } from '../../shared/clock';
import type { IdGenerator } from '../../shared/ids';
import type { Register } from './db/types';
import type { SecretStore } from './sync/secrets';

export interface CoreContext {
  db: Register;
  clock: Clock;
  ids: IdGenerator;
  /** Who acts: carried by every audit entry. */
  actor(): string;
  emit(event: AppEvent): void;
  /** Per-core memory for features (prepared import plans, search indexes). */
  cache: Map<string, unknown>;
  /** Where the school token lives (never the register); absent: a private file next to it. */
  secrets?: SecretStore;
}

export type Handler<N extends CallName> = (
  input: ParsedInput<N>,
  ctx: CoreContext,
) => Output<N> | Promise<Output<N>>;

export type HandlerTable = { [N in CallName]?: Handler<N> };
