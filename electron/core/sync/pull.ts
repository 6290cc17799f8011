// Pull: the service's feed after our cursor, page by page. Each page is applied in one transaction
// together with the new cursor, so an event is applied exactly once even if Sésame stops midway.
// Account states, validated emails, letter expiry and not-my-child reports, each audited (source sync).
import type { FeedEvent } from '../../../shared/service-api/school';
import type { SyncCounts } from '../../../shared/contract/sync';
import type { CoreContext } from '../context';
import type { SqlValue, Tx } from '../db/types';
import { compact } from '../edits/rows';
import { withRetry, type RetryOptions } from './backoff';
import type { ServiceClient } from './client';
import { readSyncState, updateSyncState } from './state';

/** The actor of changes the service reported (no staff member made them). */
export const SYNC_ACTOR = 'service de comptes';

interface AccountRow {
  guardian_id: string;
  login: string | null;
  state: string;
  activation_path: string | null;
  email_validated: number;
  letter_expires_at: string | null;
}

type AccountFields = Partial<Omit<AccountRow, 'guardian_id'>>;

interface Applier {
  tx: Tx;
  ctx: CoreContext;
  now: string;
  runId: string;
  audit(entity: string, id: string, field: string, oldValue: SqlValue, newValue: SqlValue): void;
}

function applier(tx: Tx, ctx: CoreContext): Applier {
  const now = ctx.clock.now().toISOString();
  const runId = ctx.ids();
  return {
    tx,
    ctx,
    now,
    runId,
    audit(entity, id, field, oldValue, newValue) {
      tx.run(
        `INSERT INTO audit (id, at, actor, source, entity, entity_id, field, old_value, new_value, run_id) VALUES (?, ?, ?, 'sync', ?, ?, ?, ?, ?, ?)`,
        [ctx.ids(), now, SYNC_ACTOR, entity, id, field, oldValue === null ? null : String(oldValue), newValue === null ? null : String(newValue), runId],
      );
    },
  };
}

/** The local guardian an event is about: itself, or the record it was merged into here. */
function localGuardian(tx: Tx, guardianId: string): string | null {
  if (tx.get('SELECT 1 FROM guardian WHERE id = ?', [guardianId])) return guardianId;
  const merged = tx.get<{ keep_id: string }>("SELECT keep_id FROM guardian_merge WHERE merged_id = ? AND state = 'merged' ORDER BY at DESC LIMIT 1", [guardianId]);
  return merged && tx.get('SELECT 1 FROM guardian WHERE id = ?', [merged.keep_id]) ? merged.keep_id : null;
}

function setAccount(a: Applier, guardianId: string, next: (cur: AccountRow) => AccountFields): boolean {
  const gid = localGuardian(a.tx, guardianId);
  if (!gid) return false;
  let cur = a.tx.get<AccountRow>('SELECT guardian_id, login, state, activation_path, email_validated, letter_expires_at FROM account WHERE guardian_id = ?', [gid]);
  if (!cur) {
    a.tx.run("INSERT INTO account (guardian_id, state, version, updated_at) VALUES (?, 'none', 0, ?)", [gid, a.now]);
    cur = { guardian_id: gid, login: null, state: 'none', activation_path: null, email_validated: 0, letter_expires_at: null };
  }
  const wanted = next(cur);
  const keys = (Object.keys(wanted) as Array<keyof AccountFields>).filter((k) => (cur[k] ?? null) !== (wanted[k] ?? null));
  if (!keys.length) return true;
  a.tx.run(`UPDATE account SET ${keys.map((k) => `${k} = ?`).join(', ')}, version = version + 1, updated_at = ? WHERE guardian_id = ?`, [
    ...keys.map((k) => wanted[k] ?? null),
    a.now,
    gid,
  ]);
  for (const k of keys) a.audit('account', gid, k, cur[k] ?? null, wanted[k] ?? null);
  return true;
}

/** Applies one event; returns which parts of the register it touched. */
function applyEvent(a: Applier, e: FeedEvent): 'guardian' | 'report' | null {
  switch (e.kind) {
    case 'account.notified':
      // A new letter for an account already in use changes nothing of its state.
      return setAccount(a, e.guardianId, (c) => ({
        login: e.login,
        letter_expires_at: e.letterExpiresAt,
        ...(c.state === 'none' || c.state === 'notified' ? { state: 'notified' } : {}),
      }))
        ? 'guardian'
        : null;
    case 'account.activated':
      return setAccount(a, e.guardianId, () => ({ login: e.login, state: 'activated', activation_path: e.path })) ? 'guardian' : null;
    case 'account.blocked':
      return setAccount(a, e.guardianId, () => ({ login: e.login, state: 'blocked' })) ? 'guardian' : null;
    case 'account.merged':
      return setAccount(a, e.guardianId, () => ({ login: e.login, state: 'merged' })) ? 'guardian' : null;
    case 'email.validated':
      return setAccount(a, e.guardianId, () => ({ login: e.login, email_validated: 1 })) ? 'guardian' : null;
    case 'letter.expired':
      return setAccount(a, e.guardianId, (c) => ({
        letter_expires_at: e.expiredAt,
        // The letter can no longer be used: the parent needs a new one.
        ...(c.state === 'notified' ? { state: 'none' } : {}),
      }))
        ? 'guardian'
        : null;
    case 'report.filed': {
      if (a.tx.get('SELECT 1 FROM report WHERE remote_id = ?', [e.reportId])) return null;
      const gid = localGuardian(a.tx, e.guardianId);
      const sid = a.tx.get('SELECT 1 FROM student WHERE id = ?', [e.studentId]) ? e.studentId : null;
      const id = a.ctx.ids();
      a.tx.run(
        `INSERT INTO report (id, remote_id, guardian_id, student_id, comment, source, state, created_at) VALUES (?, ?, ?, ?, ?, 'service', 'open', ?)`,
        [id, e.reportId, gid, sid, e.comment, e.at],
      );
      a.audit('report', id, '*', null, compact({ remoteId: e.reportId, guardianId: gid, studentId: sid, source: 'service' }));
      return 'report';
    }
  }
}

export interface PullOptions {
  pageSize: number;
  retry: RetryOptions;
}

/** Reads the feed to its end. Returns the number of events applied. */
export async function pullFeed(ctx: CoreContext, client: ServiceClient, counts: SyncCounts, options: PullOptions): Promise<void> {
  for (let page = 0; page < 10_000; page++) {
    const cursor = readSyncState(ctx.db).feed_cursor;
    const res = await withRetry(() => client.feed(cursor, options.pageSize), options.retry);
    if (!res.events.length || res.next === null) return;
    const touched = await ctx.db.write((tx) => {
      // Another run may have moved the cursor meanwhile: apply only what is still new.
      if (readSyncState(tx).feed_cursor !== cursor) return null;
      const a = applier(tx, ctx);
      const t = new Set<'guardian' | 'report'>();
      for (const e of res.events) {
        const hit = applyEvent(a, e);
        if (hit) t.add(hit);
      }
      updateSyncState(tx, { feed_cursor: res.next }, a.now);
      return t;
    });
    if (!touched) continue;
    counts.pulled += res.events.length;
    ctx.emit({ type: 'sync.progress', phase: 'pull', done: counts.pulled, total: counts.pulled });
    if (touched.size) ctx.emit({ type: 'register.changed', entities: [...touched] });
    if (res.next === cursor) return;
  }
}
