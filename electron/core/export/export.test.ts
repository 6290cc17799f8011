import { describe, expect, it } from 'vitest';
import { openMemoryRegister } from '../db/register';
import { exportRegister } from './export';

const at = '2025-09-01T08:00:00.000Z';

describe('exportRegister', () => {
  it('lists every student with their guardians, legal guardians first', async () => {
    const db = await openMemoryRegister();
    await db.write((tx) => {
      tx.run(
        `INSERT INTO student (id, ine, last_name, first_name, birth_date, division, status, match_key, created_at, updated_at)
         VALUES ('s1', '123456789AB', 'Martin', 'Léa', '2013-04-02', '6A', 'enrolled', 'k1', ?, ?),
                ('s2', NULL, 'Abadie', 'Tom', NULL, NULL, 'left', 'k2', ?, ?)`,
        [at, at, at, at],
      );
      tx.run(
        `INSERT INTO guardian (id, last_name, first_name, phone, email, name_key, created_at, updated_at)
         VALUES ('g1', 'Martin', 'Paul', '+33612345678', 'paul@example.fr', 'n1', ?, ?),
                ('g2', 'Durand', 'Anne', NULL, NULL, 'n2', ?, ?),
                ('g3', 'Martin', 'Aline', '+262692123456', NULL, 'n3', ?, ?)`,
        [at, at, at, at, at, at],
      );
      tx.run(
        `INSERT INTO guardianship (id, student_id, guardian_id, relation, legal_rank, created_at)
         VALUES ('l1', 's1', 'g2', 'autre', 0, ?), ('l2', 's1', 'g1', 'père', 2, ?), ('l3', 's1', 'g3', 'mère', 1, ?)`,
        [at, at, at],
      );
    });

    const out = exportRegister(db);
    expect(out.students.map((s) => s.id)).toEqual(['s2', 's1']);
    expect(out.students[0]).toEqual({
      id: 's2',
      ine: null,
      lastName: 'Abadie',
      firstName: 'Tom',
      birthDate: null,
      division: null,
      status: 'left',
      guardians: [],
    });
    const lea = out.students[1]!;
    expect(lea).toMatchObject({ ine: '123456789AB', birthDate: '2013-04-02', division: '6A', status: 'enrolled' });
    expect(lea.guardians).toEqual([
      { id: 'g3', lastName: 'Martin', firstName: 'Aline', relation: 'mère', legal: 1, phone: '+262692123456', email: null },
      { id: 'g1', lastName: 'Martin', firstName: 'Paul', relation: 'père', legal: 2, phone: '+33612345678', email: 'paul@example.fr' },
      { id: 'g2', lastName: 'Durand', firstName: 'Anne', relation: 'autre', legal: 0, phone: null, email: null },
    ]);
    // JSON-safe: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
    await db.close();
  });

  it('exports an empty register as no students', async () => {
    const db = await openMemoryRegister();
    expect(exportRegister(db)).toEqual({ students: [] });
    await db.close();
  });
});
