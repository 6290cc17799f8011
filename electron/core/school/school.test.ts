import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pkg from '../../../package.json';
import { insertFixture } from '../records/fixture';
import { openTestCore, valueOf, type TestCore } from '../records/test-core';

let core: TestCore;
beforeEach(async () => {
  core = await openTestCore();
});
afterEach(() => core.db.close());

const auditRows = () =>
  core.db.all<{ field: string; old_value: string | null; new_value: string | null; source: string; entity: string; actor: string }>(
    `SELECT field, old_value, new_value, source, entity, actor FROM audit WHERE entity = 'school' ORDER BY rowid`,
  );

describe('app.info', () => {
  it('describes an empty register', async () => {
    const info = valueOf(await core.dispatch('app.info', {}));
    expect(info).toEqual({
      version: pkg.version,
      dbPath: ':memory:',
      school: { uai: null, name: '', address: null, departement: null },
      counts: { students: 0, enrolled: 0, guardians: 0 },
      lastImport: null,
    });
  });

  it('counts records and gives the last import', async () => {
    await insertFixture(core.db);
    await core.db.write((tx) => {
      const run = (id: string, at: string, files: string) =>
        tx.run(
          `INSERT INTO import_run (id, at, actor, file_names, file_hash, layout, mapping, summary)
           VALUES (?, ?, 'test', ?, 'h', 'siecle', '{}', '{}')`,
          [id, at, files],
        );
      run('r1', '2024-09-01T08:00:00.000Z', '["old.csv"]');
      run('r2', '2024-09-02T08:00:00.000Z', '["eleves.csv","responsables.csv"]');
    });
    const info = valueOf(await core.dispatch('app.info', {}));
    expect(info.counts).toEqual({ students: 6, enrolled: 5, guardians: 5 });
    expect(info.lastImport).toEqual({ at: '2024-09-02T08:00:00.000Z', fileNames: ['eleves.csv', 'responsables.csv'] });
  });
});

describe('school.update', () => {
  it('normalises the UAI, derives the département and audits each change', async () => {
    const r = valueOf(
      await core.dispatch('school.update', { uai: ' 750654d ', name: '  Collège  Victor-Hugo ', address: '', departement: null }),
    );
    expect(r).toEqual({ uai: '0750654D', name: 'Collège Victor-Hugo', address: null, departement: '75' });
    expect(valueOf(await core.dispatch('app.info', {})).school).toEqual(r);
    expect(auditRows()).toEqual([
      { field: 'uai', old_value: null, new_value: '0750654D', source: 'edit', entity: 'school', actor: 'test' },
      { field: 'name', old_value: '', new_value: 'Collège Victor-Hugo', source: 'edit', entity: 'school', actor: 'test' },
      { field: 'departement', old_value: null, new_value: '75', source: 'edit', entity: 'school', actor: 'test' },
    ]);
    expect(core.events).toEqual([{ type: 'register.changed', entities: ['school'] }]);
  });

  it('refuses a wrong UAI with a French message naming the field, writing nothing', async () => {
    const r = await core.dispatch('school.update', { uai: '0750654A', name: 'Collège', address: null, departement: null });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.message).toMatch(/^Code UAI\b.*lettre finale/);
    }
    expect(auditRows()).toEqual([]);
    expect(core.events).toEqual([]);
  });

  it('refuses an unknown département', async () => {
    const r = await core.dispatch('school.update', { uai: null, name: 'École', address: null, departement: '99' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^Département/);
  });

  it('keeps an explicit département and writes nothing when nothing changed', async () => {
    const input = { uai: '0690001B', name: 'Lycée', address: '1 rue A, Lyon', departement: '2A' };
    expect(valueOf(await core.dispatch('school.update', input)).departement).toBe('2A');
    const count = auditRows().length;
    valueOf(await core.dispatch('school.update', input));
    expect(auditRows()).toHaveLength(count);
    expect(core.events).toHaveLength(1);
  });
});
