// One sync run: push the outbox, then pull the feed. Runs are single-flight per core (a button
// press during a background run joins it); the outcome and online state are kept for the status bar.
import type { SyncCounts, SyncRunOutput, SyncStatus } from '../../../shared/contract/sync';
import { MAX_CHANGES_PER_PUSH } from '../../../shared/service-api/school';
import type { CoreContext } from '../context';
import { AppFailure } from '../errors';
import { defaultRetry, type RetryOptions } from './backoff';
import { createServiceClient, SyncHttpError, type ServiceClient } from './client';
import { pullFeed } from './pull';
import { expandImportMarkers, pushBatch } from './push';
import { connection } from './settings';
import { countOpenConflicts, countPending, countRejected, readSyncState, updateSyncState } from './state';

export interface SyncOptions {
  /** Changes per push request (≤ 1,000, the service's limit). */
  batchSize: number;
  pageSize: number;
  timeoutMs: number;
  retry: RetryOptions;
  /** Stops a run that keeps finding work (a safety net, not a limit one meets). */
  maxBatches: number;
  /** Tests: the client to use instead of the HTTP one built from the settings. */
  client?: (conn: { url: string; token: string }) => ServiceClient;
}

export const defaultSyncOptions: SyncOptions = {
  batchSize: MAX_CHANGES_PER_PUSH,
  pageSize: 500,
  timeoutMs: 30_000,
  retry: defaultRetry,
  maxBatches: 1_000,
};

interface Runtime {
  inflight: Promise<SyncRunOutput> | null;
  /** A run asked for while another was going: it starts when that one ends. */
  next: Promise<SyncRunOutput> | null;
  online: boolean | null;
  options: SyncOptions;
}

const KEY = 'sync.runtime';

export function runtimeOf(ctx: CoreContext): Runtime {
  let r = ctx.cache.get(KEY) as Runtime | undefined;
  if (!r) {
    r = { inflight: null, next: null, online: null, options: defaultSyncOptions };
    ctx.cache.set(KEY, r);
  }
  return r;
}

/** Sets this core's sync options (tests, bench: faster retries, smaller batches). */
export function configureSync(ctx: CoreContext, options: Partial<Omit<SyncOptions, 'retry'>> & { retry?: Partial<RetryOptions> }): void {
  const r = runtimeOf(ctx);
  r.options = { ...r.options, ...options, retry: { ...r.options.retry, ...(options.retry ?? {}) } };
}

export const zeroCounts = (): SyncCounts => ({ pushed: 0, applied: 0, duplicates: 0, conflicts: 0, rejected: 0, pulled: 0 });

export const NOT_CONFIGURED = 'Synchronisation non configurée : indiquez l’adresse du service de comptes et le jeton de l’établissement (écran Synchronisation, ou sesame config).';

/**
 * Runs a sync now. A background run joins the one going; a person's « Synchroniser maintenant »
 * (`fresh`) runs once more after it, so that it sees what changed meanwhile. Throws only when sync
 * is not set up.
 */
export function runSync(ctx: CoreContext, options: Partial<SyncOptions> = {}, fresh = false): Promise<SyncRunOutput> {
  const rt = runtimeOf(ctx);
  if (rt.inflight) {
    if (!fresh) return rt.inflight;
    rt.next ??= rt.inflight
      .catch(() => undefined)
      .then(() => {
        rt.next = null;
        return runSync(ctx, options);
      });
    return rt.next;
  }
  const run = runOnce(ctx, { ...rt.options, ...options }).finally(() => {
    rt.inflight = null;
    ctx.emit({ type: 'sync.changed' });
  });
  rt.inflight = run;
  ctx.emit({ type: 'sync.changed' });
  return run;
}

async function runOnce(ctx: CoreContext, o: SyncOptions): Promise<SyncRunOutput> {
  const conn = await connection(ctx);
  if (!conn) throw new AppFailure('invalid_input', NOT_CONFIGURED);
  const rt = runtimeOf(ctx);
  const client = o.client ? o.client(conn) : createServiceClient({ baseUrl: conn.url, token: conn.token, timeoutMs: o.timeoutMs });
  const counts = zeroCounts();
  let error: string | null = null;
  const total = countPending(ctx.db);
  try {
    await expandImportMarkers(ctx);
    for (let i = 0; i < o.maxBatches; i++) {
      if (!(await pushBatch(ctx, client, counts, { batchSize: Math.min(o.batchSize, MAX_CHANGES_PER_PUSH), retry: o.retry }))) break;
      ctx.emit({ type: 'sync.progress', phase: 'push', done: counts.pushed, total: Math.max(total, counts.pushed) });
    }
    await pullFeed(ctx, client, counts, { pageSize: o.pageSize, retry: o.retry });
    rt.online = true;
  } catch (err) {
    if (!(err instanceof SyncHttpError)) throw err;
    error = err.message;
    // Reached but refusing (token, version) is not offline.
    rt.online = !err.retryable;
  } finally {
    client.close();
  }
  await ctx.db.write((tx) => {
    const now = ctx.clock.now().toISOString();
    updateSyncState(tx, error ? { last_attempt_at: now, last_error: error } : { last_attempt_at: now, last_sync_at: now, last_error: null }, now);
  });
  const pending = countPending(ctx.db);
  return { ...counts, pending, sent: Math.max(0, total - pending), error, online: rt.online ?? false };
}

export async function syncStatus(ctx: CoreContext): Promise<SyncStatus> {
  const state = readSyncState(ctx.db);
  const rt = runtimeOf(ctx);
  return {
    configured: (await connection(ctx)) !== null,
    serviceUrl: state.service_url,
    pending: countPending(ctx.db),
    conflicts: countOpenConflicts(ctx.db),
    rejected: countRejected(ctx.db),
    lastSyncAt: state.last_sync_at,
    lastError: state.last_error,
    online: rt.online,
    running: rt.inflight !== null,
  };
}
