import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSql, wasmCandidates } from './sqljs';

const saved = process.env.SESAME_SQL_WASM;
afterEach(() => {
  if (saved === undefined) delete process.env.SESAME_SQL_WASM;
  else process.env.SESAME_SQL_WASM = saved;
});

describe('sql.js loading', () => {
  it('looks at SESAME_SQL_WASM first, then finds the wasm from the sources', () => {
    process.env.SESAME_SQL_WASM = '/opt/sesame/sql-wasm.wasm';
    const candidates = wasmCandidates();
    expect(candidates[0]).toBe('/opt/sesame/sql-wasm.wasm');
    expect(candidates.some((c) => c.endsWith('sql-wasm.wasm') && existsSync(c))).toBe(true);
  });

  it('loads one module per process', async () => {
    const [a, b] = await Promise.all([loadSql(), loadSql()]);
    expect(a).toBe(b);
    const db = new a.Database();
    expect(db.exec('SELECT sqlite_version() AS v')[0]?.values[0]?.[0]).toMatch(/^3\./);
    db.close();
  });
});
