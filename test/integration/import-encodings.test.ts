import { describe, expect, it } from 'vitest';
import { prepareImport } from '../../electron/core/import/handlers';
import { SIECLE, SIECLE_1252, encodeSheet, type SheetEncoding } from '../fixtures/sheets/sheets';
import { count, file, importAll, testCore } from './import-helpers';

describe('import: encodings', () => {
  for (const encoding of ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'] as SheetEncoding[]) {
    it(`reads a SIECLE sheet in ${encoding} with every letter kept`, async () => {
      const { ctx, db } = await testCore();
      const { prepared, summary } = await importAll(ctx, [file(`siecle-${encoding}.csv`, encodeSheet(SIECLE, encoding))]);
      expect(prepared.files[0]).toMatchObject({ encoding, delimiter: ';', layout: 'student-row', dataRows: 8 });
      expect(summary.students.created).toBe(7);
      const names = db.all<{ n: string }>("SELECT last_name || ' ' || first_name AS n FROM student ORDER BY n").map((r) => r.n);
      expect(names).toContain('KOWALCZYK Łucja');
      expect(names).toContain('KOWALCZYK Michał');
      expect(names).toContain('YILMAZ Ayşe');
      expect(names).toContain('NGUYỄN Thị Lan');
      expect(count(db, 'guardian', "first_name = 'Paweł'")).toBe(1);
    });
  }

  it('reads Windows-1252 (Excel on French Windows), œ and accents included', async () => {
    const { ctx, db } = await testCore();
    const { prepared } = await importAll(ctx, [file('excel.csv', encodeSheet(SIECLE_1252, 'windows-1252'))]);
    expect(prepared.files[0]?.encoding).toBe('windows-1252');
    const names = db.all<{ n: string }>("SELECT last_name || ' ' || first_name AS n FROM student ORDER BY n").map((r) => r.n);
    expect(names).toEqual(['CŒUR Zoë', 'LEFÈVRE Anaïs']);
    expect(count(db, 'guardian', "first_name = 'Françoise'")).toBe(1);
  });

  it('gives the same plan whatever the encoding', async () => {
    const plans = [];
    for (const encoding of ['utf-8', 'utf-16be'] as SheetEncoding[]) {
      const { ctx } = await testCore();
      const p = await prepareImport(ctx, [file('siecle.csv', encodeSheet(SIECLE, encoding))]);
      plans.push(p.plan);
    }
    expect(plans[0]).toEqual(plans[1]);
  });
});
