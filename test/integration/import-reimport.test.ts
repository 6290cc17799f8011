import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRegister } from '../../electron/core/db/register';
import { AppFailure } from '../../electron/core/errors';
import { cancelImport, commitImport, prepareImport } from '../../electron/core/import/handlers';
import { listHistory } from '../../electron/core/history/history';
import { SIECLE, encodeSheet } from '../fixtures/sheets/sheets';
import { count, file, importAll, testCore, utf8 } from './import-helpers';

const HEADER = 'INE;Nom;Prénom;Date de naissance;Classe;Nom responsable 1;Prénom responsable 1;Portable responsable 1;Email responsable 1';
const ROWS = [
  ';ABEL;Lou;01/02/2014;6A;ABEL;Anne;06 50 50 50 50;anne@example.fr',
  ';BRUN;Max;03/04/2013;5B;BRUN;Boris;06 51 51 51 51;boris@example.fr',
  ';CANO;Ema;05/06/2012;4C;CANO;Carla;06 52 52 52 52;carla@example.fr',
];
const sheet = (rows: string[]) => utf8([HEADER, ...rows].join('\n'));

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function expectFailure(p: Promise<unknown>, code: string): Promise<AppFailure> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppFailure);
  expect((err as AppFailure).code).toBe(code);
  return err as AppFailure;
}

describe('import: re-import', () => {
  it('re-importing the same file changes nothing and duplicates nothing (durable register)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sesame-import-'));
    dirs.push(dir);
    const db = await openRegister(path.join(dir, 'ecole.sesame'));
    try {
      const { ctx, events } = await testCore(db);
      const first = await importAll(ctx, [file('siecle.csv', encodeSheet(SIECLE, 'utf-8'))]);
      expect(first.summary.students.created).toBe(7);
      const second = await importAll(ctx, [file('siecle.csv', encodeSheet(SIECLE, 'utf-8'))]);
      expect(second.summary.students).toEqual({ created: 0, updated: 0, unchanged: 7, left: 0 });
      expect(second.summary.guardians).toEqual({ created: 0, updated: 0, unchanged: 7 });
      expect(second.plan.lookAlikes).toEqual([]);
      expect(count(db, 'student')).toBe(7);
      expect(count(db, 'guardian')).toBe(7);
      expect(count(db, 'import_run')).toBe(2);
      // Progress by phase, then the notice that the register changed.
      expect(new Set(events.filter((e) => e.type === 'import.progress').map((e) => (e as { phase: string }).phase))).toEqual(
        new Set(['decode', 'parse', 'normalise', 'match', 'write', 'persist']),
      );
      expect(events.at(-1)).toEqual({ type: 'register.changed', entities: ['student', 'guardian', 'import'] });
    } finally {
      await db.close();
    }
    // Durable: everything is there after reopening.
    const again = await openRegister(path.join(dir, 'ecole.sesame'));
    expect(count(again, 'student')).toBe(7);
    // One outbox marker per run that changed something (the unchanged re-import adds none).
    expect(again.all('SELECT entity, op, payload, base_version FROM outbox')).toEqual([
      { entity: 'import_run', op: 'import', payload: expect.stringMatching(/^\{"runId":"[^"]+"\}$/), base_version: null },
    ]);
    const marker = again.get<{ entity_id: string; payload: string }>('SELECT entity_id, payload FROM outbox')!;
    expect(JSON.parse(marker.payload)).toEqual({ runId: marker.entity_id });
    // Creations carry their run instead of one audit row each.
    expect(count(again, 'student', 'created_run_id = ?', [marker.entity_id])).toBe(7);
    expect(count(again, 'guardian', 'created_run_id = ?', [marker.entity_id])).toBe(7);
    expect(count(again, 'audit')).toBe(0);
    await again.close();
  });

  it('a parent written with an unreadable phone on one row and a readable one on another is stored consistently, so the same file again changes nothing', async () => {
    // Matched by their email across two families' rows; the first row's phone cannot be read.
    const rows = [
      'Nom;Prénom;Date de naissance;Nom responsable 1;Prénom responsable 1;Portable responsable 1;Email responsable 1',
      "N'DIAYE;Hugo;26/09/2010;N'DIAYE;Hervé;0711777741;herve.ndiaye@example.fr",
      "N'DIAYE;Jade;15/11/2012;N'DIAYE;Hervé;06 76 95 20 60;herve.ndiaye@example.fr",
      'ROUX;Lou;01/02/2013;ROUX;Ana;06 12 34 56 78;pas-un-courriel',
      'ROUX;Tim;03/04/2014;ROUX;Ana;06 12 34 56 78;ana.roux@example.fr',
    ].join('\n');
    const { ctx, db } = await testCore();
    const first = await importAll(ctx, [file('fratries.csv', utf8(rows))]);
    expect(first.summary.guardians.created).toBe(2);
    expect(db.all('SELECT phone, phone_raw, email, email_raw FROM guardian ORDER BY last_name')).toEqual([
      { phone: '+33676952060', phone_raw: null, email: 'herve.ndiaye@example.fr', email_raw: null },
      { phone: '+33612345678', phone_raw: null, email: 'ana.roux@example.fr', email_raw: null },
    ]);
    // What was set aside stays in the run's problems, with the row it came from.
    expect(first.plan.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 3, code: 'other_value_kept', raw: '0711777741' }), expect.objectContaining({ row: 5, code: 'other_value_kept', raw: 'pas-un-courriel' })]),
    );
    const second = await importAll(ctx, [file('fratries.csv', utf8(rows))]);
    expect(second.summary.guardians).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(count(db, 'audit')).toBe(0);
  });

  it('counts updates; audit rows for updated fields only, one outbox marker per run', async () => {
    const { ctx, db } = await testCore();
    const first = await importAll(ctx, [file('a.csv', sheet(ROWS))]);
    expect(count(db, 'audit')).toBe(0);
    expect(count(db, 'student', 'created_run_id = ?', [first.summary.runId])).toBe(3);
    expect(count(db, 'guardian', 'created_run_id = ?', [first.summary.runId])).toBe(3);
    expect(db.all('SELECT entity, entity_id, op, base_version FROM outbox')).toEqual([
      { entity: 'import_run', entity_id: first.summary.runId, op: 'import', base_version: null },
    ]);
    const changed = [ROWS[0]!.replace('6A', '5A'), ROWS[1]!.replace('boris@example.fr', 'boris.brun@example.fr'), ROWS[2]!];
    const { summary } = await importAll(ctx, [file('b.csv', sheet(changed))]);
    expect(summary.students).toEqual({ created: 0, updated: 1, unchanged: 2, left: 0 });
    expect(summary.guardians).toEqual({ created: 0, updated: 1, unchanged: 2 });
    expect(db.get("SELECT division, version, created_run_id FROM student WHERE first_name = 'Lou'")).toEqual({
      division: '5A',
      version: 2,
      created_run_id: first.summary.runId,
    });
    expect(db.all('SELECT entity, field, old_value, new_value, source, actor, run_id FROM audit ORDER BY entity, field')).toEqual([
      { entity: 'guardian', field: 'email', old_value: 'boris@example.fr', new_value: 'boris.brun@example.fr', source: 'import', actor: 'Test Secrétariat', run_id: summary.runId },
      { entity: 'student', field: 'division', old_value: '6A', new_value: '5A', source: 'import', actor: 'Test Secrétariat', run_id: summary.runId },
    ]);
    expect(db.all("SELECT entity_id, payload FROM outbox ORDER BY rowid")).toEqual([
      { entity_id: first.summary.runId, payload: JSON.stringify({ runId: first.summary.runId }) },
      { entity_id: summary.runId, payload: JSON.stringify({ runId: summary.runId }) },
    ]);
  });

  it('marks students absent from a full export as left only when confirmed', async () => {
    const { ctx, db } = await testCore();
    await importAll(ctx, [file('a.csv', sheet(ROWS))]);
    const noConfirm = await importAll(ctx, [file('b.csv', sheet(ROWS.slice(0, 2)))]);
    expect(noConfirm.plan.fullExport).toBe(true);
    expect(noConfirm.plan.absent.map((a) => a.label)).toEqual(['CANO Ema (4C)']);
    expect(noConfirm.plan.students.left).toBe(1);
    expect(noConfirm.summary.students.left).toBe(0);
    expect(count(db, 'student', "status = 'left'")).toBe(0);

    const confirmed = await importAll(ctx, [file('b.csv', sheet(ROWS.slice(0, 2)))], { markAbsentAsLeft: true });
    expect(confirmed.summary.students.left).toBe(1);
    expect(db.get("SELECT status, version FROM student WHERE first_name = 'Ema'")).toEqual({ status: 'left', version: 2 });

    // Back in a later export: enrolled again.
    const back = await importAll(ctx, [file('c.csv', sheet(ROWS))]);
    expect(back.summary.students.updated).toBe(1);
    expect(db.get("SELECT status FROM student WHERE first_name = 'Ema'")).toEqual({ status: 'enrolled' });
  });

  it('the plan lists what a re-import would change, each record once, as a person reads it', async () => {
    const { ctx, db } = await testCore();
    await importAll(ctx, [file('a.csv', sheet(ROWS))]);
    const lou = db.get<{ id: string }>("SELECT id FROM student WHERE first_name = 'Lou'")!.id;
    const boris = db.get<{ id: string }>("SELECT id FROM guardian WHERE first_name = 'Boris'")!.id;
    const changed = [
      ';ABEL;Lou;01/02/2014;5A;ABEL;Anne;06 50 50 50 50;anne@example.fr',
      ';BRUN;Max;03/04/2013;5B;BRUN;Boris;07 61 61 61 61;boris@example.fr',
      ROWS[2]!,
    ];
    const withSecond = `${HEADER};Nom responsable 2;Prénom responsable 2;Portable responsable 2\n${changed.map((r, i) => (i === 2 ? `${r};CANO;Paul;06 53 53 53 53` : `${r};;;`)).join('\n')}`;
    const prepared = await prepareImport(ctx, [file('b.csv', utf8(withSecond))]);
    const plan = prepared.plan!;
    expect(plan.students.updated).toBe(2);
    expect(plan.guardians.updated).toBe(1);
    expect(plan.updatesTotal).toBe(3);
    const byLabel = new Map(plan.updates.map((u) => [u.label, u]));
    expect(byLabel.get('ABEL Lou (6A)')).toEqual({
      entity: 'student',
      entityId: lou,
      label: 'ABEL Lou (6A)',
      changes: [{ field: 'division', fieldLabel: 'Classe', before: '6A', after: '5A' }],
    });
    expect(byLabel.get('BRUN Boris')).toMatchObject({
      entity: 'guardian',
      entityId: boris,
      changes: [{ field: 'phone', fieldLabel: 'Portable', before: '06 51 51 51 51', after: '07 61 61 61 61' }],
    });
    // A new guardian for a student already there: a change of that student.
    expect(byLabel.get('CANO Ema (4C)')?.changes).toEqual([
      { field: 'guardianship', fieldLabel: 'Nouveau responsable', before: null, after: 'CANO Paul (Responsable légal 2)' },
    ]);
    await cancelImport(ctx, prepared.token);
  });

  it('a record’s history starts with its creation by an import, then lists what later imports changed', async () => {
    const { ctx, db } = await testCore();
    await importAll(ctx, [file('rentree.csv', sheet(ROWS))]);
    const lou = db.get<{ id: string }>("SELECT id FROM student WHERE first_name = 'Lou'")!.id;
    const first = listHistory({ entity: 'student', id: lou, offset: 0, limit: 50 }, ctx);
    expect(first.total).toBe(1);
    expect(first.rows).toEqual([
      expect.objectContaining({ source: 'import', field: '*', newDisplay: 'fiche créée par l’import de «\u00a0rentree.csv\u00a0»', revertible: false }),
    ]);
    await importAll(ctx, [file('janvier.csv', sheet([ROWS[0]!.replace(';6A;', ';5A;'), ...ROWS.slice(1)]))]);
    const later = listHistory({ entity: 'student', id: lou, offset: 0, limit: 50 }, ctx);
    expect(later.total).toBe(2);
    expect(later.rows.map((r) => [r.field, r.newDisplay])).toEqual([
      ['division', '5A'],
      ['*', 'fiche créée par l’import de «\u00a0rentree.csv\u00a0»'],
    ]);
    // Paged: the creation comes last, once.
    expect(listHistory({ entity: 'student', id: lou, offset: 0, limit: 1 }, ctx).rows.map((r) => r.field)).toEqual(['division']);
    expect(listHistory({ entity: 'student', id: lou, offset: 1, limit: 1 }, ctx).rows.map((r) => r.field)).toEqual(['*']);
    expect(listHistory({ entity: 'student', id: lou, offset: 2, limit: 1 }, ctx).rows).toEqual([]);
  });

  it('a partial export (one class) does not offer to mark the others as left', async () => {
    const { ctx } = await testCore();
    await importAll(ctx, [file('a.csv', sheet(ROWS))]);
    const { plan } = await importAll(ctx, [file('b.csv', sheet(ROWS.slice(0, 1)))]);
    expect(plan.fullExport).toBe(false);
    expect(plan.absent).toEqual([]);
  });

  it('a correction made by staff since the last import is a conflict only when the file brings a new value, kept unless chosen', async () => {
    const { ctx, db } = await testCore();
    await importAll(ctx, [file('a.csv', sheet(ROWS))]);
    const anne = db.get<{ id: string }>("SELECT id FROM guardian WHERE first_name = 'Anne'")!.id;
    await db.write((tx) => {
      tx.run("UPDATE guardian SET phone = '+33699999999', version = version + 1 WHERE id = ?", [anne]);
      tx.run(
        "INSERT INTO audit (id, at, actor, source, entity, entity_id, field, old_value, new_value) VALUES ('edit-1', '2026-09-02T10:00:00.000Z', 'Mme Accueil', 'edit', 'guardian', ?, 'phone', '+33650505050', '+33699999999')",
        [anne],
      );
    });
    // The file still has the number staff corrected: nothing new, the correction stands silently.
    const unchanged = await prepareImport(ctx, [file('b.csv', sheet(ROWS))]);
    expect(unchanged.plan?.conflicts).toEqual([]);
    expect(unchanged.plan?.guardians.updated).toBe(0);
    expect(unchanged.plan?.updates).toEqual([]);
    await commitImport(ctx, unchanged.token, { markAbsentAsLeft: false, conflictChoices: {} });
    expect(db.get('SELECT phone FROM guardian WHERE id = ?', [anne])).toEqual({ phone: '+33699999999' });

    // A later file gives yet another number: that is a conflict (and the mother is still found: same name, shared email).
    const newer = sheet([ROWS[0]!.replace('06 50 50 50 50', '06 50 50 50 51'), ...ROWS.slice(1)]);
    const prepared = await prepareImport(ctx, [file('c.csv', newer)]);
    expect(prepared.plan?.conflicts).toEqual([
      expect.objectContaining({ entity: 'guardian', entityId: anne, field: 'phone', current: '+33699999999', incoming: '+33650505051', changedBy: 'Mme Accueil' }),
    ]);
    // As a person reads them: the field's name and formatted numbers.
    expect(prepared.plan?.conflicts[0]).toMatchObject({ fieldLabel: 'Portable', currentText: '06 99 99 99 99', incomingText: '06 50 50 50 51' });
    expect(prepared.plan?.guardians.updated).toBe(0);
    expect(prepared.plan?.updates).toEqual([]);
    const kept = await commitImport(ctx, prepared.token, { markAbsentAsLeft: false, conflictChoices: {} });
    expect(kept.guardians.updated).toBe(0);
    expect(db.get('SELECT phone FROM guardian WHERE id = ?', [anne])).toEqual({ phone: '+33699999999' });

    // Chosen explicitly: the file's value wins.
    const again = await prepareImport(ctx, [file('c.csv', newer)]);
    const id = again.plan!.conflicts[0]!.id;
    await commitImport(ctx, again.token, { markAbsentAsLeft: false, conflictChoices: { [id]: 'incoming' } });
    expect(db.get('SELECT phone FROM guardian WHERE id = ?', [anne])).toEqual({ phone: '+33650505051' });
    // That import is now the latest word on the field: no conflict any more.
    const third = await prepareImport(ctx, [file('c.csv', newer)]);
    expect(third.plan?.conflicts).toEqual([]);
  });

  it('refuses a stale, cancelled or unknown token', async () => {
    const { ctx, db } = await testCore();
    const p = await prepareImport(ctx, [file('a.csv', sheet(ROWS))]);
    await db.write((tx) => {
      tx.run("INSERT INTO staff (id, name, created_at) VALUES ('s1', 'Quelqu’un', '2026-09-01T08:00:00.000Z')", []);
    });
    const err = await expectFailure(commitImport(ctx, p.token, { markAbsentAsLeft: false, conflictChoices: {} }), 'stale');
    expect(err.message).toContain('modifié');
    expect(count(db, 'student')).toBe(0);

    const q = await prepareImport(ctx, [file('a.csv', sheet(ROWS))]);
    cancelImport(ctx, q.token);
    await expectFailure(commitImport(ctx, q.token, { markAbsentAsLeft: false, conflictChoices: {} }), 'stale');
    // A newer preparation replaces the older one: one plan in memory at a time.
    const r1 = await prepareImport(ctx, [file('a.csv', sheet(ROWS))]);
    const r2 = await prepareImport(ctx, [file('a.csv', sheet(ROWS))]);
    await expectFailure(commitImport(ctx, r1.token, { markAbsentAsLeft: false, conflictChoices: {} }), 'stale');
    await commitImport(ctx, r2.token, { markAbsentAsLeft: false, conflictChoices: {} });
    expect(count(db, 'student')).toBe(3);
  });

  it('refuses unusable files with a clear message and leaves the register untouched', async () => {
    const { ctx, db } = await testCore();
    const cases: Array<[string, Uint8Array, string]> = [
      ['vide.csv', new Uint8Array(0), 'vide'],
      ['blancs.csv', utf8('\n\n  \n'), 'espaces'],
      ['classeur.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'Ce fichier est un classeur Excel (.xlsx) : enregistrez-le au format CSV depuis Excel puis importez le CSV.'],
      ['binaire.csv', new Uint8Array([0x41, 0x00, 0x42, 0x3b, 0x43]), 'pas un fichier texte'],
      ['entetes.csv', utf8(`${HEADER}\n`), 'aucune ligne de données'],
    ];
    for (const [name, bytes, text] of cases) {
      const err = await expectFailure(prepareImport(ctx, [file(name, bytes)]), 'unusable_file');
      expect(err.message).toContain(name);
      expect(err.message).toContain(text);
    }
    // Required columns missing although a mapping was given: unusable, not "needs mapping".
    const err = await expectFailure(
      prepareImport(ctx, [file('sans-date.csv', utf8('Nom;Prénom;Classe\nABEL;Lou;6A\n'))], { 'sans-date.csv': { '2': 'student.division' } }),
      'unusable_file',
    );
    expect(err.message).toContain('Date de naissance');
    // Without a mapping, the same file asks for one.
    const ask = await prepareImport(ctx, [file('sans-date.csv', utf8('Nom;Prénom;Classe\nABEL;Lou;6A\n'))]);
    expect(ask).toMatchObject({ needsMapping: true, plan: null });
    expect(count(db, 'student') + count(db, 'import_run') + count(db, 'mapping_memory')).toBe(0);
  });
});
