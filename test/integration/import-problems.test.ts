import { describe, expect, it } from 'vitest';
import { SIECLE, encodeSheet } from '../fixtures/sheets/sheets';
import { count, file, importAll, testCore } from './import-helpers';

describe('import: problems and raw values', () => {
  it('locates every problem by file, spreadsheet row and field, and keeps what was typed', async () => {
    const { ctx, db } = await testCore();
    const { plan, summary } = await importAll(ctx, [file('siecle.csv', encodeSheet(SIECLE, 'utf-8'))]);
    const at = (row: number, field: string) => plan.problems.filter((p) => p.row === row && p.field === field);

    // Row 9 has no last name: rejected, with the row number a person sees (blank row 4 counted).
    expect(plan.rejectedRows).toBe(1);
    expect(summary.rejected).toEqual([expect.objectContaining({ file: 'siecle.csv', row: 9, field: 'student.lastName', severity: 'error' })]);
    expect(count(db, 'student', "first_name = 'Sans Nom'")).toBe(0);

    // Row 6: impossible date but a valid INE: imported with the raw date kept.
    expect(at(6, 'student.birthDate')).toEqual([expect.objectContaining({ severity: 'warning', raw: '31/02/2013' })]);
    expect(db.get("SELECT ine, birth_date, birth_date_raw FROM student WHERE last_name = 'NGUYỄN'")).toEqual({
      ine: '123456789AB',
      birth_date: null,
      birth_date_raw: '31/02/2013',
    });
    // Row 6: email typo suggested, never applied.
    const typo = at(6, 'guardian1.email');
    expect(typo).toEqual([expect.objectContaining({ code: 'email_typo', severity: 'warning', raw: 'thi.hoa@gmial.com' })]);
    expect(typo[0]?.message).toContain('thi.hoa@gmail.com');
    expect(count(db, 'guardian', "email = 'thi.hoa@gmial.com'")).toBe(1);
    // "+33 (0)6…" is understood.
    expect(count(db, 'guardian', "phone = '+33698765432'")).toBe(1);

    // Row 5: a Guadeloupe mobile written nationally, postal code 97110.
    expect(db.get("SELECT phone FROM guardian WHERE first_name = 'Şule'")).toEqual({ phone: '+590690123456' });

    // Row 10 (after a quoted line break, still one spreadsheet row): a landline in the mobile column
    // is kept, with a warning; the line break in the address becomes a space.
    expect(at(10, 'guardian1.phone')).toEqual([expect.objectContaining({ code: 'not_mobile', raw: '01 45 67 89 10' })]);
    expect(db.get("SELECT phone, address_line1 FROM guardian WHERE first_name = 'Marc'")).toEqual({
      phone: '+33145678910',
      address_line1: 'Résidence Les Lilas Bât. C',
    });
    // "3 mai 2012" is a date.
    expect(db.get("SELECT birth_date FROM student WHERE first_name = 'Jules'")).toEqual({ birth_date: '2012-05-03' });

    // Problems are stored with the run, raw values included.
    const stored = db.all<{ row: number; field: string; raw: string | null }>('SELECT row, field, raw FROM import_problem ORDER BY row, field');
    expect(stored).toContainEqual({ row: 6, field: 'student.birthDate', raw: '31/02/2013' });
    expect(stored.length).toBe(plan.problems.length);
  });

  it('keeps invalid phones and emails raw on the guardian, value left empty', async () => {
    const { ctx, db } = await testCore();
    const sheet = [
      'Nom;Prénom;Date de naissance;Nom responsable 1;Prénom responsable 1;Portable responsable 1;Email responsable 1',
      'ROSE;Alix;01/02/2014;ROSE;Nadia;06 12 34;nadia.rose@@example',
    ].join('\n');
    const { plan } = await importAll(ctx, [file('x.csv', new TextEncoder().encode(sheet))]);
    expect(db.get("SELECT phone, phone_raw, email, email_raw FROM guardian")).toEqual({
      phone: null,
      phone_raw: '06 12 34',
      email: null,
      email_raw: 'nadia.rose@@example',
    });
    expect(plan.problems.map((p) => [p.row, p.field, p.severity])).toEqual([
      [2, 'guardian1.phone', 'warning'],
      [2, 'guardian1.email', 'warning'],
    ]);
  });

  it('says when two rows share a student’s identity but not its class, in either layout, instead of dropping a class', async () => {
    const studentRows = [
      'Nom;Prénom;Date de naissance;Classe;Nom responsable 1;Prénom responsable 1;Portable responsable 1',
      'DAVID;Emma;26/02/2010;5B;DAVID;Anne;06 12 34 56 78',
      'MARTIN;Léo;01/01/2011;6A;MARTIN;Paul;06 12 34 56 79',
      'David;Emma;26/02/2010;4 A;DURAND;Sophie;06 12 34 56 70',
      'DAVID;Emma;26/02/2010;5 b;DAVID;Marc;06 12 34 56 71',
    ].join('\n');
    const { ctx, db } = await testCore();
    const { plan } = await importAll(ctx, [file('eleves.csv', new TextEncoder().encode(studentRows))]);
    const at = (row: number) => plan.problems.filter((p) => p.row === row).map((p) => [p.field, p.code, p.raw]);
    expect(at(4)).toEqual([['student.division', 'duplicate_student_division', '4 A']]);
    expect(plan.problems.find((p) => p.row === 4)?.message).toMatch(/ligne 2 .*5B ligne 2, 4 A ici/);
    // The same class written with another case or spacing is a plain repeat.
    expect(at(5)).toEqual([['row', 'duplicate_student', null]]);
    expect(db.get("SELECT count(*) AS n, min(division) AS division FROM student WHERE last_name = 'DAVID'")).toEqual({ n: 1, division: '5B' });

    // One row per guardian link: repeats are expected, another class is still reported.
    const linkRows = [
      'Nom élève;Prénom élève;Date de naissance;Classe;Nom responsable;Prénom responsable;Lien de parenté',
      'DAVID;Emma;26/02/2010;5B;DAVID;Anne;Mère',
      'DAVID;Emma;26/02/2010;5B;DAVID;Marc;Père',
      'DAVID;Emma;26/02/2010;4A;DURAND;Sophie;Mère',
    ].join('\n');
    const other = await testCore();
    const linked = await importAll(other.ctx, [file('liens.csv', new TextEncoder().encode(linkRows))]);
    expect(linked.plan.problems.map((p) => [p.row, p.code])).toEqual([[4, 'duplicate_student_division']]);
  });
});
