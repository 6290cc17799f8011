// A small hand-written register for search tests: names with accents and particles, siblings
// sharing a mother, a Réunion phone, a student who left.

import type { Register } from '../db/types';
import { guardianNameKey } from '../../../shared/import/keys';

const T = '2024-09-01T08:00:00.000Z';

export const ids = {
  marie: 's-marie',
  lea: 's-lea',
  zoe: 's-zoe',
  marc: 's-marc',
  emile: 's-emile',
  noBirth: 's-nobirth',
  nathalie: 'g-nathalie',
  jerome: 'g-jerome',
  helene: 'g-helene',
  aissatou: 'g-aissatou',
  mamie: 'g-mamie',
};

export async function insertFixture(db: Register): Promise<void> {
  await db.write((tx) => {
    const student = (
      id: string, ine: string | null, last: string, first: string, birth: string | null, division: string | null,
      status = 'enrolled',
    ) =>
      tx.run(
        `INSERT INTO student (id, ine, ine_raw, last_name, first_name, birth_date, birth_date_raw, division, status,
           match_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, ine, ine ? ` ${ine.toLowerCase()} ` : null, last, first, birth, birth ? birth.split('-').reverse().join('/') : 'inconnue', division, status, `${last} ${first}`, T, T],
      );
    const guardian = (
      id: string, civility: string | null, last: string, first: string, phone: string | null, phoneRaw: string | null,
      email: string | null,
    ) =>
      tx.run(
        `INSERT INTO guardian (id, civility, last_name, first_name, phone, phone_raw, email, email_raw, address_line1,
           address_line2, postal_code, city, country, name_key, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, 'FRANCE', ?, ?, ?)`,
        [id, civility, last, first, phone, phoneRaw, email, email ? email.toUpperCase() : null, '12 rue Victor-Hugo', '69003', 'Lyon', guardianNameKey(last, first), T, T],
      );
    const link = (studentId: string, guardianId: string, relation: string, rank: number) =>
      tx.run(
        `INSERT INTO guardianship (id, student_id, guardian_id, relation, legal_rank, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
        [`l-${studentId}-${guardianId}`, studentId, guardianId, relation, rank, T],
      );

    student(ids.marie, '070803070AJ', 'DUPONT', 'Marie', '2013-02-03', '6A');
    student(ids.lea, '1234567890A', 'Lefèvre', 'Léa', '2012-05-06', '5B');
    student(ids.zoe, null, "N'Diaye", 'Zoé', '2013-07-08', '6A');
    student(ids.marc, '2222222222B', 'Dupont-Martin', 'Marc', '2010-01-01', '3E', 'left');
    student(ids.emile, '3333333333C', 'Dupont', 'Émile', '2013-03-03', '6B');
    student(ids.noBirth, null, 'Zola', 'Adam', null, null);

    guardian(ids.nathalie, 'MME', 'Dupont', 'Nathalie', '+33612345678', '06 12 34 56 78', 'nathalie.dupont@orange.fr');
    guardian(ids.jerome, 'M.', 'Dupont', 'Jérôme', '+33798765432', '07.98.76.54.32', null);
    guardian(ids.helene, 'MME', 'Lefèvre', 'Hélène', '+262692123456', '0692 12 34 56', 'helene.lefevre@gmail.com');
    guardian(ids.aissatou, 'MME', "N'Diaye", 'Aïssatou', null, 'pas de portable', 'maman.zoe@free.fr');
    guardian(ids.mamie, null, 'Martin', 'Odette', '+33145678901', '01 45 67 89 01', null);

    link(ids.marie, ids.jerome, 'PERE', 2);
    link(ids.marie, ids.nathalie, 'MERE', 1);
    link(ids.marie, ids.mamie, 'AUTRE', 0);
    link(ids.marc, ids.nathalie, 'MERE', 1);
    link(ids.emile, ids.jerome, 'PERE', 1);
    link(ids.lea, ids.helene, 'MERE', 1);
    link(ids.zoe, ids.aissatou, 'MERE', 1);
  });
}
