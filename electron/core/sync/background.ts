// Background sync, started by the long-running transports (browser-mode server, Electron main),
// never by the CLI: a run shortly after start, then one per interval while sync is set up.
import type { AppEvent } from '../../../shared/contract';
import type { CoreContext } from '../context';
import { runSync } from './engine';
import { connection } from './settings';

export interface BackgroundOptions {
  intervalMs?: number;
  firstDelayMs?: number;
  /** Told when a run fails unexpectedly (never with personal data). */
  onError?: (err: unknown) => void;
}

/** Starts the timer; returns the function that stops it. */
export function startBackgroundSync(core: { ctx: CoreContext; subscribe?: (l: (e: AppEvent) => void) => () => void }, options: BackgroundOptions = {}): () => void {
  const interval = options.intervalMs ?? 60_000;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(tick, ms);
    timer.unref?.();
  };
  const tick = () => {
    timer = null;
    void (async () => {
      try {
        if (await connection(core.ctx)) await runSync(core.ctx);
      } catch (err) {
        options.onError?.(err);
      } finally {
        schedule(interval);
      }
    })();
  };
  schedule(options.firstDelayMs ?? 2_000);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
