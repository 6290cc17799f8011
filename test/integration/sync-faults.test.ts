// Faults between the app and the account service: down, slow, answering 500, or the connection cut
// after the service committed. Nothing is lost, nothing is applied twice, the outbox drains.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureSync } from '../../electron/core/sync/engine';
import type { Backend } from '../../service/test/harness';
import { backends, guardianId, importSheet, ok, startApp, startFaultProxy, startService, type AppUnderTest, type ServiceUnderTest } from './sync-helpers';

describe.each(backends as Backend[])('sync faults on %s', (backend) => {
  let svc: ServiceUnderTest;
  let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
  beforeAll(async () => {
    svc = await startService(backend);
    proxy = await startFaultProxy(svc.url);
  }, 180_000);
  afterAll(async () => {
    await proxy?.close();
    await svc?.close();
  });

  async function app(): Promise<AppUnderTest> {
    proxy.set('none');
    const a = await startApp();
    await ok(a.core.dispatch('sync.settings.set', { serviceUrl: proxy.url, token: svc.token }));
    await importSheet(a.core);
    return a;
  }

  /** Every record of the school on the service has version 1 and was applied once per key. */
  async function appliedOnce(expectedRecords: number) {
    const versions = await svc.world.db.query<{ version: number }>(
      `SELECT version FROM student WHERE school_id = $1 UNION ALL SELECT version FROM guardian WHERE school_id = $1
       UNION ALL SELECT version FROM guardianship WHERE school_id = $1`,
      [svc.schoolId],
    );
    expect(versions).toHaveLength(expectedRecords);
    expect(versions.every((v) => v.version === 1)).toBe(true);
  }

  const reset = async () => {
    for (const t of ['guardianship', 'student', 'guardian', 'change_log']) await svc.world.db.query(`DELETE FROM ${t} WHERE school_id = $1`, [svc.schoolId]);
  };

  it('service down: the run reports offline, keeps everything pending, and drains once it is back', async () => {
    await reset();
    const a = await app();
    try {
      proxy.set('down');
      const r = await ok(a.core.dispatch('sync.run', {}));
      expect(r).toMatchObject({ pushed: 0, online: false });
      expect(r.error).toMatch(/injoignable/);
      expect(r.pending).toBe(6);
      const status = await ok(a.core.dispatch('sync.status', {}));
      expect(status).toMatchObject({ online: false, pending: 6, lastSyncAt: null });
      expect(status.lastError).toMatch(/injoignable/);

      proxy.set('none');
      // Small batches: the outbox drains over several requests.
      configureSync(a.core.ctx, { batchSize: 4 });
      const back = await ok(a.core.dispatch('sync.run', {}));
      expect(back).toMatchObject({ applied: 11, duplicates: 0, pending: 0, error: null, online: true });
      await appliedOnce(11);
    } finally {
      await a.close();
    }
  });

  it('answers 500 twice: retried with backoff in the same run, applied once', async () => {
    await reset();
    const a = await app();
    const sleeps: number[] = [];
    configureSync(a.core.ctx, { retry: { attempts: 4, baseMs: 100, capMs: 1_000, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) } });
    try {
      proxy.set('error500', 2, '/school/v1/changes');
      const r = await ok(a.core.dispatch('sync.run', {}));
      expect(r).toMatchObject({ applied: 11, pending: 0, error: null });
      // Full jitter: random × min(cap, base × 2^attempt).
      expect(sleeps).toEqual([50, 100]);
      await appliedOnce(11);
    } finally {
      await a.close();
    }
  });

  it('answers 500 for good: the run stops after its attempts, and a later run drains the outbox', async () => {
    await reset();
    const a = await app();
    try {
      proxy.set('error500', Infinity, '/school/v1/changes');
      const r = await ok(a.core.dispatch('sync.run', {}));
      expect(r.error).toMatch(/erreur \(500\)/);
      expect(r).toMatchObject({ pushed: 0, pending: 6, online: false });
      proxy.set('none');
      expect(await ok(a.core.dispatch('sync.run', {}))).toMatchObject({ applied: 11, pending: 0 });
      await appliedOnce(11);
    } finally {
      await a.close();
    }
  });

  it('slow service: the request times out after the service committed; the retry gets duplicates', async () => {
    await reset();
    const a = await app();
    // Wide margins: the service commits well within the timeout, the proxy answers well after it,
    // even on a loaded two-core machine.
    configureSync(a.core.ctx, { timeoutMs: 1000 });
    try {
      proxy.set('slow', 1, '/school/v1/changes');
      const r = await ok(a.core.dispatch('sync.run', {}));
      expect(r).toMatchObject({ duplicates: 6, applied: 5, pending: 0, error: null });
      await appliedOnce(11);
    } finally {
      await a.close();
    }
  });

  it('connection cut after the service committed, then Sésame restarted and an edit made: nothing twice, no false conflict', async () => {
    await reset();
    const a = await app();
    configureSync(a.core.ctx, { retry: { attempts: 1 } });
    try {
      proxy.set('cutAfterCommit', 1, '/school/v1/changes');
      const r = await ok(a.core.dispatch('sync.run', {}));
      expect(r.error).toMatch(/injoignable/);
      expect(r.pending).toBe(6);

      // Restart, then a staff edit of a record whose first push is in doubt.
      const core = await a.reopen();
      const gid = guardianId(core, 'Claire');
      const form = await ok(core.dispatch('guardians.editForm', { id: gid }));
      await ok(core.dispatch('guardians.update', { id: gid, baseVersion: form.version, changes: { email: 'claire@nouveau.fr' } }));
      proxy.set('none');
      const first = await ok(core.dispatch('sync.run', {}));
      expect(first).toMatchObject({ duplicates: 6, conflicts: 0, rejected: 0, pending: 0, error: null });
      expect(first.applied).toBe(6); // 5 links + the edit
      const claire = await svc.world.db.query<{ email: string; version: number }>('SELECT email, version FROM guardian WHERE school_id = $1 AND id = $2', [svc.schoolId, gid]);
      expect(claire).toEqual([{ email: 'claire@nouveau.fr', version: 2 }]);
      const keys = await svc.world.db.query<{ n: number }>('SELECT count(*)::int AS n FROM change_log WHERE school_id = $1', [svc.schoolId]);
      expect(keys[0]!.n).toBe(12);
    } finally {
      await a.close();
    }
  });
});
