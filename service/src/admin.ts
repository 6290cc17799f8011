import type { Clock } from '../../shared/clock';
import { normaliseUai } from '../../shared/domain/uai';
import { uuidv7 } from '../../shared/ids';
import type { Db } from './db/types';
import { randomToken, sha256 } from './security/crypto';

const DEPARTEMENT = /^(\d{2,3}|2A|2B)$/;

/** Registers a school; returns its token, shown once (only its hash is kept). */
export async function addSchool(
  db: Db,
  clock: Clock,
  school: { uai: string; name: string; departement: string },
): Promise<{ id: string; uai: string; token: string }> {
  const normal = normaliseUai(school.uai);
  if (!normal.ok) throw new Error(`${normal.message} (« ${school.uai} »)`);
  const uai = normal.value;
  const departement = school.departement.trim().toUpperCase().padStart(2, '0');
  if (!DEPARTEMENT.test(departement)) throw new Error(`Département invalide « ${school.departement} » : ex. 09, 31, 2A, 971.`);
  if (!school.name.trim()) throw new Error('Nom d’établissement vide.');
  const existing = await db.query('SELECT 1 FROM school WHERE uai = $1', [uai]);
  if (existing.length) throw new Error(`L’établissement ${uai} est déjà enregistré.`);
  const token = randomToken();
  const id = uuidv7(clock.now().getTime());
  await db.query('INSERT INTO school (id, uai, name, departement, token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    uai,
    school.name.trim(),
    departement,
    sha256(token),
    clock.now(),
  ]);
  return { id, uai, token };
}

/** Replaces a school's token (a leaked one); the old one stops working at once. */
export async function rotateSchoolToken(db: Db, uai: string): Promise<string> {
  const token = randomToken();
  const normal = normaliseUai(uai);
  const rows = await db.query('UPDATE school SET token_hash = $2 WHERE uai = $1 RETURNING id', [normal.ok ? normal.value : uai, sha256(token)]);
  if (!rows.length) throw new Error(`Établissement ${uai} inconnu.`);
  return token;
}

/** Opens parent activation for a département from a date (pilot départements first). */
export async function openDepartement(db: Db, departement: string, opensAt: Date): Promise<void> {
  const d = departement.trim().toUpperCase().padStart(2, '0');
  if (!DEPARTEMENT.test(d)) throw new Error(`Département invalide « ${departement} ».`);
  if (Number.isNaN(opensAt.getTime())) throw new Error('Date d’ouverture invalide : AAAA-MM-JJ attendu.');
  await db.query(
    'INSERT INTO departement_opening (departement, opens_at) VALUES ($1, $2) ON CONFLICT (departement) DO UPDATE SET opens_at = EXCLUDED.opens_at',
    [d, opensAt],
  );
}

export async function listDepartements(db: Db): Promise<{ departement: string; opensAt: string }[]> {
  const rows = await db.query<{ departement: string; opens_at: Date }>('SELECT departement, opens_at FROM departement_opening ORDER BY departement');
  return rows.map((r) => ({ departement: r.departement, opensAt: new Date(r.opens_at).toISOString() }));
}
