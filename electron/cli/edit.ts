// `sesame edit`: scripted fixes through the very calls the app's forms use (same validation, same
// audit and outbox rows, durable before the answer), signed with a staff member's name so the
// history says who did it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Result } from '../../shared/contract';
import type { FieldErrorDetails, GuardianChanges, StudentChanges } from '../../shared/contract/corrections';
import type { Core } from '../core/app';
import { CliFailure, EXIT } from './errors';
import type { CliIo } from './run';
import { USAGE } from './usage';

interface Deps {
  parse(argv: string[], options: Record<string, { type: 'string' | 'boolean' }>): { values: Record<string, unknown>; positionals: string[] };
  openCore(dbPath: string): Promise<Core>;
}

const EDIT_USAGE = `Usage :
  sesame edit guardian ID --db REGISTRE --as NOM [--last-name …] [--first-name …] [--civility …]
              [--phone "06 12 34 56 78" [--phone-country FR] | --no-phone] [--email … | --no-email] [--json]
  sesame edit student ID --db REGISTRE --as NOM [--last-name …] [--first-name …] [--birth-date "03/05/2014"]
              [--division 6A] [--status enrolled|left] [--json]
  sesame edit apply-suggestions --kind guardian.invalid_mobile|guardian.invalid_email --db REGISTRE --as NOM [--json]`;

const OPTIONS = {
  db: { type: 'string' },
  as: { type: 'string' },
  json: { type: 'boolean' },
  'last-name': { type: 'string' },
  'first-name': { type: 'string' },
  civility: { type: 'string' },
  phone: { type: 'string' },
  'phone-country': { type: 'string' },
  'no-phone': { type: 'boolean' },
  email: { type: 'string' },
  'no-email': { type: 'boolean' },
  'birth-date': { type: 'string' },
  division: { type: 'string' },
  status: { type: 'string' },
  kind: { type: 'string' },
} as const;

type Values = Record<string, unknown>;

const usage = (why: string) => new CliFailure(EXIT.usage, `${why}\n\n${EDIT_USAGE}\n\n${USAGE}`);
const str = (v: Values, k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined);

/** Options that belong to the other kind of record are refused rather than silently ignored. */
function only(v: Values, allowed: readonly string[], what: string): void {
  const common = ['db', 'as', 'json'];
  const extra = Object.keys(v).filter((k) => v[k] !== undefined && !common.includes(k) && !allowed.includes(k));
  if (extra.length) throw usage(`Option${extra.length > 1 ? 's' : ''} sans objet pour ${what} : ${extra.map((k) => `--${k}`).join(', ')}.`);
}

export function guardianChanges(v: Values): GuardianChanges {
  only(v, ['last-name', 'first-name', 'civility', 'phone', 'phone-country', 'no-phone', 'email', 'no-email'], 'un responsable');
  if (v.phone !== undefined && v['no-phone']) throw usage('--phone et --no-phone s’excluent.');
  if (v.email !== undefined && v['no-email']) throw usage('--email et --no-email s’excluent.');
  if (v['phone-country'] !== undefined && v.phone === undefined) throw usage('--phone-country accompagne --phone.');
  const country = str(v, 'phone-country')?.trim().toUpperCase();
  if (country !== undefined && !/^[A-Z]{2}$/.test(country)) throw usage('--phone-country attend un code pays à deux lettres (FR, BE, CH…).');
  const changes: GuardianChanges = {};
  if (v['last-name'] !== undefined) changes.lastName = str(v, 'last-name')!;
  if (v['first-name'] !== undefined) changes.firstName = str(v, 'first-name')!;
  if (v.civility !== undefined) changes.civility = str(v, 'civility')! || null;
  if (v.phone !== undefined) changes.phone = { raw: str(v, 'phone')!, country: country ?? null };
  if (v['no-phone']) changes.phone = null;
  if (v.email !== undefined) changes.email = str(v, 'email')!;
  if (v['no-email']) changes.email = null;
  return changes;
}

export function studentChanges(v: Values): StudentChanges {
  only(v, ['last-name', 'first-name', 'birth-date', 'division', 'status'], 'un élève');
  const status = str(v, 'status');
  if (status !== undefined && status !== 'enrolled' && status !== 'left') throw usage('--status attend enrolled (inscrit) ou left (sorti).');
  const changes: StudentChanges = {};
  if (v['last-name'] !== undefined) changes.lastName = str(v, 'last-name')!;
  if (v['first-name'] !== undefined) changes.firstName = str(v, 'first-name')!;
  if (v['birth-date'] !== undefined) changes.birthDate = str(v, 'birth-date')!;
  if (v.division !== undefined) changes.division = str(v, 'division')! || null;
  if (status !== undefined) changes.status = status;
  return changes;
}

/** A refused call: each field's French message on its own line (what the form shows next to it). */
function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const details = result.error.details as Partial<FieldErrorDetails> | undefined;
  const lines = result.error.code === 'invalid_input' && Array.isArray(details?.fields) ? details.fields.map((f) => f.message) : [];
  throw new CliFailure(EXIT.failure, [...new Set(lines.length ? lines : [result.error.message])].join('\n') + '\nRien n’a été enregistré.');
}

/** Chooses who signs the changes: an active staff member of this register, by name. */
async function actAs(core: Core, name: string | undefined): Promise<string> {
  const wanted = name?.trim();
  if (!wanted) throw usage('Indiquez qui fait la modification : --as "Mme Durand" (un nom de la liste du personnel).');
  const staff = unwrap(await core.dispatch('staff.list', { includeInactive: false }));
  const found = staff.find((s) => s.name.toLocaleLowerCase('fr') === wanted.toLocaleLowerCase('fr'));
  if (!found) {
    const names = staff.map((s) => `« ${s.name} »`).join(', ');
    throw new CliFailure(
      EXIT.failure,
      `« ${wanted} » ne figure pas dans le personnel actif de ce registre${names ? ` (${names})` : ''}. Ajoutez la personne dans Sésame, page Établissement, rubrique Personnel.`,
    );
  }
  unwrap(await core.dispatch('session.setActor', { staffId: found.id }));
  return found.name;
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export async function editCommand(argv: string[], io: CliIo, deps: Deps): Promise<number> {
  const { values, positionals } = deps.parse(argv, OPTIONS);
  const [what, id, ...rest] = positionals;
  const dbPath = str(values, 'db');
  if (!dbPath) throw usage('Il manque --db REGISTRE.');
  if (what !== 'guardian' && what !== 'student' && what !== 'apply-suggestions') throw usage('Indiquez guardian, student ou apply-suggestions.');
  if (what !== 'apply-suggestions' && (!id || rest.length)) throw usage(`Indiquez un seul identifiant (celui de sesame export ou sesame anomalies).`);
  if (what === 'apply-suggestions' && positionals.length > 1) throw usage('apply-suggestions ne prend pas d’identifiant : --kind choisit les corrections.');
  // Parsed before opening anything: a usage error touches no register.
  const changes = what === 'guardian' ? guardianChanges(values) : what === 'student' ? studentChanges(values) : null;
  if (changes && Object.keys(changes).length === 0) throw usage('Aucune modification demandée.');
  const kind = str(values, 'kind');
  if (what === 'apply-suggestions') {
    only(values, ['kind'], 'apply-suggestions');
    // Email typo fixes need a person's look one by one (the app asks): not scriptable on purpose.
    if (kind !== 'guardian.invalid_mobile' && kind !== 'guardian.invalid_email') {
      throw usage('--kind attend guardian.invalid_mobile ou guardian.invalid_email (les corrections sûres).');
    }
  }
  // Editing must not create an empty register by mistake.
  if (!existsSync(dbPath)) throw new CliFailure(EXIT.failure, `Registre introuvable : ${dbPath}`);
  const core = await deps.openCore(path.resolve(dbPath));
  try {
    const actor = await actAs(core, str(values, 'as'));
    if (what === 'apply-suggestions') {
      const out = unwrap(await core.dispatch('anomalies.applySuggestion', { kind: kind as 'guardian.invalid_mobile' | 'guardian.invalid_email' }));
      const text = values.json
        ? JSON.stringify({ kind, applied: out.applied, skipped: out.skipped })
        : [`${plural(out.applied, 'correction appliquée', 'corrections appliquées')}, signée${out.applied > 1 ? 's' : ''} « ${actor} ».`, ...out.skipped.map((s) => `Non appliquée : ${s.message}`)].join('\n');
      await io.out(`${text}\n`);
      return EXIT.ok;
    }
    // The version just read is the base: another writer would have to hold the register's lock.
    const saved =
      what === 'guardian'
        ? unwrap(await core.dispatch('guardians.update', { id: id!, baseVersion: unwrap(await core.dispatch('guardians.editForm', { id: id! })).version, changes: changes as GuardianChanges }))
        : unwrap(await core.dispatch('students.update', { id: id!, baseVersion: unwrap(await core.dispatch('students.editForm', { id: id! })).version, changes: changes as StudentChanges }));
    const text = values.json
      ? JSON.stringify({ entity: what, id, version: saved.version, changes: saved.changes, warnings: saved.warnings })
      : [
          saved.changes === 0
            ? 'Rien à changer : la fiche contient déjà ces valeurs.'
            : `${what === 'guardian' ? 'Responsable' : 'Élève'} modifié : ${plural(saved.changes, 'champ', 'champs')}, signé « ${actor} ».`,
          ...saved.warnings.map((w) => `Attention : ${w.message}`),
        ].join('\n');
    await io.out(`${text}\n`);
    return EXIT.ok;
  } finally {
    await core.close();
  }
}
