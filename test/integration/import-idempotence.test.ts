// Property: importing the very same file twice changes nothing the second time, whatever mix of
// siblings, parents written on several rows, readable and unreadable phones and emails, and
// addresses it holds. A second run that "updates" records would write audit rows and push changes
// for nothing, and hide real changes in the re-import's counts (it once updated 8 of 338 guardians).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count, file, importAll, testCore, utf8 } from './import-helpers';

const HEADER =
  'Nom;Prénom;Date de naissance;Classe;Civilité responsable 1;Nom responsable 1;Prénom responsable 1;Portable responsable 1;Email responsable 1;Adresse responsable 1;Code postal responsable 1;Commune responsable 1';

// Values as sheets write them: readable, unreadable, or missing.
const phones = ['06 12 34 56 78', '0612345678', '+33 6 12 34 56 78', '07 11 77 77 41', '06 12 34', '', '0690 12 34 56', '+32 470 12 34 56'];
const emails = ['p.martin@example.fr', 'P.Martin@Example.fr', 'pas-un-courriel', '', 'p.martin@gmial.com'];
const addresses = ['', '12 rue des Écoles', '12, Rue des Ecoles', '4 avenue de la Gloire'];
const civilities = ['', 'Mme', 'M.', 'MME'];
const lastNames = ['MARTIN', 'Martin', 'N’DIAYE'];
const firstNames = ['Paul', 'Anne', 'Éric', 'Hélène'];
const children = ['ALBERT', 'BRUNO', 'CAMUS', 'DELON', 'ESTÈVE', 'FAURE', 'GIRAUD', 'HUGO'];

const row = fc.record({
  child: fc.integer({ min: 0, max: 7 }),
  parent: fc.integer({ min: 0, max: 1 }),
  last: fc.constantFrom(...lastNames),
  phone: fc.constantFrom(...phones),
  email: fc.constantFrom(...emails),
  address: fc.constantFrom(...addresses),
  civility: fc.constantFrom(...civilities),
  division: fc.constantFrom('6A', '5B'),
});

type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

function sheet(rows: Row[]): string {
  const lines = rows.map((r) =>
    [
      children[r.child],
      'Léa',
      `0${(r.child % 9) + 1}/03/2013`,
      r.division,
      r.civility,
      r.last,
      firstNames[r.parent],
      r.phone,
      r.email,
      r.address,
      r.address ? '31000' : '',
      r.address ? 'Toulouse' : '',
    ].join(';'),
  );
  return [HEADER, ...lines].join('\n');
}

describe('import: idempotence', () => {
  it('the same file imported again creates, updates and audits nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 20 }), async (rows) => {
        const { ctx, db } = await testCore();
        const text = sheet(rows);
        const first = await importAll(ctx, [file('fiches.csv', utf8(text))]);
        // Not a vacuous run: every row is importable (its guardian's values vary, not the child's).
        expect(first.summary.students.created).toBeGreaterThan(0);
        expect(first.summary.guardians.created).toBeGreaterThan(0);
        const before = db.all('SELECT * FROM guardian ORDER BY id');
        const again = await importAll(ctx, [file('fiches.csv', utf8(text))]);
        expect(again.summary.students.created + again.summary.students.updated).toBe(0);
        expect(again.summary.guardians.created + again.summary.guardians.updated).toBe(0);
        expect(again.plan.updatesTotal).toBe(0);
        expect(count(db, 'audit')).toBe(0);
        expect(db.all('SELECT * FROM guardian ORDER BY id')).toEqual(before);
        await db.close();
      }),
      { numRuns: 80 },
    );
  });
});
