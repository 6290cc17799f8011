import { describe, expect, it } from 'vitest';
import { SIECLE, encodeSheet } from '../fixtures/sheets/sheets';
import { count, file, importAll, testCore, utf8 } from './import-helpers';

const HEADER = 'Nom;Prénom;Date de naissance;Nom responsable 1;Prénom responsable 1;Portable responsable 1;Email responsable 1';

describe('import: guardian matching', () => {
  it('merges siblings’ parents written differently into one guardian each', async () => {
    const { ctx, db } = await testCore();
    const { summary } = await importAll(ctx, [file('siecle.csv', encodeSheet(SIECLE, 'utf-8'))]);
    expect(count(db, 'guardian', "first_name = 'Agnieszka'")).toBe(1);
    expect(count(db, 'guardian', "first_name = 'Paweł'")).toBe(1);
    const kids = db.all<{ first_name: string }>(
      `SELECT s.first_name FROM guardianship l JOIN student s ON s.id = l.student_id JOIN guardian g ON g.id = l.guardian_id
       WHERE g.first_name = 'Agnieszka' ORDER BY s.first_name`,
    );
    expect(kids.map((k) => k.first_name).sort()).toEqual(['Michał', 'Łucja'].sort());
    // 7 students; guardians: Agnieszka, Paweł, Şule, Thị Hoa, Marie ×2, Marc.
    expect(summary.guardians.created).toBe(7);
  });

  it('never merges homonym parents without a shared contact: a look-alike instead', async () => {
    const { ctx, db } = await testCore();
    const { plan } = await importAll(ctx, [file('siecle.csv', encodeSheet(SIECLE, 'utf-8'))]);
    expect(count(db, 'guardian', "last_name = 'MARTIN' AND first_name = 'Marie'")).toBe(2);
    const marie = plan.lookAlikes.filter((l) => l.label === 'MARTIN Marie');
    expect(marie).toHaveLength(1);
    expect(marie[0]?.guardianIds).toHaveLength(2);
    expect(marie[0]?.rows).toEqual([
      { file: 'siecle.csv', row: 7 },
      { file: 'siecle.csv', row: 8 },
    ]);
  });

  it('a shared phone under a different name is a look-alike, not a merge', async () => {
    const { ctx, db } = await testCore();
    const sheet = [
      HEADER,
      'ABEL;Lou;01/02/2014;ABEL;Anne;06 50 50 50 50;anne@example.fr',
      'BRUN;Max;03/04/2013;BRUN;Boris;0650505050;boris@example.fr',
    ].join('\n');
    const { plan } = await importAll(ctx, [file('x.csv', utf8(sheet))]);
    expect(count(db, 'guardian')).toBe(2);
    expect(plan.lookAlikes).toHaveLength(1);
    expect(plan.lookAlikes[0]?.reason).toContain('téléphone');
  });

  it('matches a register guardian by name and a shared contact, even for a new child', async () => {
    const { ctx, db } = await testCore();
    await importAll(ctx, [file('a.csv', utf8([HEADER, 'ABEL;Lou;01/02/2014;ABEL;Anne;06 50 50 50 50;'].join('\n')))]);
    const { summary, plan } = await importAll(ctx, [
      file('b.csv', utf8([HEADER, 'ABEL;Lou;01/02/2014;ABEL;Anne;06 50 50 50 50;', 'ABEL;Tim;05/06/2016;Abel;Anne;+33650505050;anne@example.fr'].join('\n'))),
    ]);
    expect(summary.guardians).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(count(db, 'guardian')).toBe(1);
    expect(db.get('SELECT email, version FROM guardian')).toEqual({ email: 'anne@example.fr', version: 2 });
    expect(count(db, 'guardianship')).toBe(2);
    expect(plan.lookAlikes).toEqual([]);
  });

  it('a register homonym with other contacts is kept apart and flagged', async () => {
    const { ctx, db } = await testCore();
    await importAll(ctx, [file('a.csv', utf8([HEADER, 'ABEL;Lou;01/02/2014;ABEL;Anne;06 50 50 50 50;'].join('\n')))]);
    const { plan } = await importAll(ctx, [file('b.csv', utf8([HEADER, 'ABEL;Lou;01/02/2014;ABEL;Anne;06 50 50 50 50;', 'KLEIN;Eva;05/06/2016;Abel;Anne;06 60 60 60 60;'].join('\n')))]);
    expect(count(db, 'guardian')).toBe(2);
    expect(plan.lookAlikes).toHaveLength(1);
    expect(plan.lookAlikes[0]?.guardianIds).toHaveLength(2);
  });
});
