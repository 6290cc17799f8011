import { beforeEach, describe, expect, it } from 'vitest';
import { ok, openCorrectionsCore, type CorrectionsCore } from '../../electron/core/edits/test-core';
import { insertAnomalyFixture } from './anomalies-fixture';

let c: CorrectionsCore;
beforeEach(async () => {
  c = await openCorrectionsCore();
  await insertAnomalyFixture(c.db);
});

const safeByKind = async () => Object.fromEntries(ok(await c.dispatch('anomalies.summary', {})).kinds.map((k) => [k.kind, k.safe]));

describe('anomalies summary: safe corrections per kind', () => {
  it('counts only entries whose suggestion is safe, so the desk offers a bulk apply only when it would act', async () => {
    const safe = await safeByKind();
    // gC2's phone and email now read cleanly; gC1's do not; gD1's domain typo is never safe.
    expect(safe['guardian.invalid_mobile']).toBe(1);
    expect(safe['guardian.invalid_email']).toBe(1);
    expect(safe['guardian.email_typo']).toBe(0);
    expect(safe['guardian.no_mobile']).toBe(0);
    expect(safe['student.invalid_birth_date']).toBe(0);
  });

  it('equals what the bulk apply fixes, and drops to 0 once applied', async () => {
    const before = await safeByKind();
    const phones = ok(await c.dispatch('anomalies.applySuggestion', { kind: 'guardian.invalid_mobile' }));
    expect(phones.applied).toBe(before['guardian.invalid_mobile']);
    const after = await safeByKind();
    expect(after['guardian.invalid_mobile']).toBe(0);
    // The unreadable phone is still on the desk, with nothing safe to apply.
    const summary = ok(await c.dispatch('anomalies.summary', {}));
    expect(summary.kinds.find((k) => k.kind === 'guardian.invalid_mobile')).toMatchObject({ count: 1, safe: 0 });
    expect(after['guardian.invalid_email']).toBe(1);
  });
});
