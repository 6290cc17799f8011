import { describe, expect, it } from 'vitest';
import { prepareImport } from '../../electron/core/import/handlers';
import { ENT_LINKS, HANDMADE, ONDE_GUARDIANS, ONDE_STUDENTS, encodeSheet } from '../fixtures/sheets/sheets';
import { count, file, importAll, testCore, utf8 } from './import-helpers';

describe('import: layouts', () => {
  it('ENT guardian-row: one row per link, siblings share their mother', async () => {
    const { ctx, db } = await testCore();
    const { prepared, summary, plan } = await importAll(ctx, [file('ent.csv', utf8(ENT_LINKS))]);
    expect(prepared.files[0]).toMatchObject({ layout: 'guardian-row', delimiter: ',', dataRows: 4 });
    expect(summary.students.created).toBe(3);
    // Sophie DURAND appears twice with differently written phone and email: one guardian.
    expect(summary.guardians.created).toBe(3);
    expect(count(db, 'guardian', "first_name = 'Sophie'")).toBe(1);
    const sophie = db.get<{ phone: string; email: string; address_line1: string }>("SELECT phone, email, address_line1 FROM guardian WHERE first_name = 'Sophie'");
    expect(sophie).toEqual({ phone: '+33601020304', email: 'sophie.durand@example.fr', address_line1: '3, allée des Pins' });
    const links = db.all<{ first_name: string; relation: string; legal_rank: number }>(
      `SELECT s.first_name, l.relation, l.legal_rank FROM guardianship l JOIN student s ON s.id = l.student_id
       JOIN guardian g ON g.id = l.guardian_id WHERE g.first_name = 'Sophie' ORDER BY s.first_name`,
    );
    expect(links).toEqual([
      { first_name: 'Chloé', relation: 'Mère', legal_rank: 1 },
      { first_name: 'Hugo', relation: 'Mère', legal_rank: 1 },
    ]);
    expect(db.get("SELECT legal_rank FROM guardianship l JOIN guardian g ON g.id = l.guardian_id WHERE g.first_name = 'Éric'")).toEqual({ legal_rank: 2 });
    expect(db.get("SELECT relation FROM guardianship l JOIN guardian g ON g.id = l.guardian_id WHERE g.first_name = 'Julie'")).toEqual({ relation: 'Tuteur' });
    expect(plan.lookAlikes).toEqual([]);
  });

  it('ONDE: students file then guardians file naming children by name and class', async () => {
    const { ctx, db } = await testCore();
    const { prepared, summary, plan } = await importAll(ctx, [
      file('onde-eleves.tsv', encodeSheet(ONDE_STUDENTS, 'utf-8-bom')),
      file('onde-responsables.csv', encodeSheet(ONDE_GUARDIANS, 'windows-1252')),
    ]);
    expect(prepared.files.map((f) => [f.layout, f.delimiter])).toEqual([
      ['onde-students', '\t'],
      ['onde-guardians', ';'],
    ]);
    expect(summary.students.created).toBe(3);
    expect(summary.guardians.created).toBe(3);
    const adam = db.all<{ first_name: string; legal_rank: number }>(
      `SELECT g.first_name, l.legal_rank FROM guardianship l JOIN guardian g ON g.id = l.guardian_id
       JOIN student s ON s.id = l.student_id WHERE s.first_name = 'Adam' ORDER BY l.legal_rank`,
    );
    expect(adam).toEqual([
      { first_name: 'Claire', legal_rank: 1 },
      { first_name: 'Paul', legal_rank: 2 },
    ]);
    expect(count(db, 'guardianship')).toBe(4);
    // The unknown child is reported where a person sees it: guardians file, row 4, child 2.
    expect(plan.problems).toContainEqual(
      expect.objectContaining({ file: 'onde-responsables.csv', row: 4, field: 'child2.lastName', code: 'child_not_found', severity: 'warning', raw: 'GIRARD Inconnu' }),
    );
  });

  it('ONDE guardians file alone links children already in the register', async () => {
    const { ctx, db } = await testCore();
    await importAll(ctx, [file('onde-eleves.tsv', encodeSheet(ONDE_STUDENTS, 'utf-8'))]);
    expect(count(db, 'guardian')).toBe(0);
    const { summary, plan } = await importAll(ctx, [file('onde-responsables.csv', encodeSheet(ONDE_GUARDIANS, 'windows-1252'))]);
    expect(summary.guardians.created).toBe(3);
    expect(summary.students.created).toBe(0);
    expect(plan.fullExport).toBe(false);
    expect(count(db, 'guardianship')).toBe(4);
  });

  it('hand-made sheet: asks for the mapping, then remembers it', async () => {
    const { ctx, db } = await testCore();
    const first = await prepareImport(ctx, [file('fait-main.txt', utf8(HANDMADE))]);
    expect(first.needsMapping).toBe(true);
    expect(first.plan).toBeNull();
    const f = first.files[0]!;
    expect(f.delimiter).toBe('|');
    expect(f.missingRequired).toEqual(['student.lastName']);
    expect(f.columns.map((c) => c.field)).toEqual([
      null, 'student.firstName', 'student.birthDate', 'student.division', 'guardian1.lastName', 'guardian1.firstName', 'guardian1.phone',
      'guardian2.lastName', 'guardian2.firstName', 'guardian2.email',
    ]);

    const { summary } = await importAll(ctx, [file('fait-main.txt', utf8(HANDMADE))], { mapping: { 'fait-main.txt': { '0': 'student.lastName' } } });
    // NOIR Paul has an impossible date and no INE: imported without a date, the raw value kept.
    expect(summary.students.created).toBe(2);
    expect(summary.rejected).toEqual([]);
    expect(summary.warnings).toContainEqual(expect.objectContaining({ row: 3, field: 'student.birthDate', severity: 'warning', raw: '2014-02-30' }));
    expect(db.get("SELECT birth_date, birth_date_raw, match_key FROM student WHERE first_name = 'Paul'")).toEqual({
      birth_date: null,
      birth_date_raw: '2014-02-30',
      match_key: 'NOIR|PAUL|?2014-02-30',
    });
    expect(db.get("SELECT g.phone, l.relation FROM guardian g JOIN guardianship l ON l.guardian_id = g.id WHERE g.first_name = 'Léa'")).toEqual({
      phone: '+33640404040',
      relation: 'Mère',
    });
    expect(db.get("SELECT relation, legal_rank FROM guardianship l JOIN guardian g ON g.id = l.guardian_id WHERE g.first_name = 'Tom'")).toEqual({ relation: 'Père', legal_rank: 2 });

    // Same headers next time: the remembered mapping applies without asking.
    const again = await prepareImport(ctx, [file('autre-nom.txt', utf8(HANDMADE))]);
    expect(again.needsMapping).toBe(false);
    expect(again.files[0]?.columns[0]).toMatchObject({ field: 'student.lastName', auto: false });
  });

  it('a mapping given by header text (CLI mapping file) works too', async () => {
    const { ctx } = await testCore();
    const p = await prepareImport(ctx, [file('f.txt', utf8(HANDMADE))], { 'f.txt': { Enfant: 'student.lastName', 'Père - mail': null } });
    expect(p.needsMapping).toBe(false);
    expect(p.files[0]?.columns[9]?.field).toBeNull();
  });
});
