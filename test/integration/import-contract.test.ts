// The import calls through the real dispatcher, outputs checked against the contract's schemas.
import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/contract';
import { buildHandlerTable, createDispatcher } from '../../electron/core/dispatch';
import { importHandlers } from '../../electron/core/import/handlers';
import { SIECLE, encodeSheet } from '../fixtures/sheets/sheets';
import { count, testCore } from './import-helpers';

describe('import calls through dispatch', () => {
  it('prepare, commit and cancel answer in the contract’s shapes', async () => {
    const { ctx, db } = await testCore();
    const { emit: _emit, ...base } = ctx;
    void _emit;
    const events: AppEvent[] = [];
    const d = createDispatcher(buildHandlerTable(importHandlers), base, { checkOutput: true, onInternalError: (_n, e) => { throw e; } });
    d.subscribe((e) => events.push(e));
    const contentBase64 = Buffer.from(encodeSheet(SIECLE, 'utf-16le')).toString('base64');
    const prepared = await d.dispatch('import.prepare', { files: [{ name: 'siecle.csv', contentBase64 }] });
    if (!prepared.ok) throw new Error(prepared.error.message);
    expect(prepared.value.plan?.students.created).toBe(7);
    const committed = await d.dispatch('import.commit', { token: prepared.value.token });
    if (!committed.ok) throw new Error(committed.error.message);
    expect(committed.value.students.created).toBe(7);
    expect(count(db, 'student')).toBe(7);
    expect(events.some((e) => e.type === 'register.changed')).toBe(true);

    const again = await d.dispatch('import.commit', { token: prepared.value.token });
    expect(again).toMatchObject({ ok: false, error: { code: 'stale' } });
    expect(await d.dispatch('import.cancel', { token: 'nope' })).toEqual({ ok: true, value: {} });
    const bad = await d.dispatch('import.prepare', { files: [{ name: 'x.xlsx', contentBase64: Buffer.from('PK\u0003\u0004zz').toString('base64') }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'unusable_file' } });
  });
});
