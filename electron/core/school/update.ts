// school.update: the school's identity (UAI, name, address, département), printed on letters
// and sent to the account service. Every changed field is audited.

import { normaliseUai, uaiDepartement } from '../../../shared/domain';
import { cleanText, labelledMessage } from '../../../shared/domain/text';
import type { Output, ParsedInput } from '../../../shared/contract';
import type { School } from '../../../shared/contract/school';
import type { CoreContext } from '../context';
import { AppFailure } from '../errors';
import { readSchool } from './info';

const DEPARTEMENT = /^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-8]|98[4-9])$/;

function invalid(field: string, message: string): AppFailure {
  return new AppFailure('invalid_input', message, [{ path: [field], message }]);
}

const optionalText = (raw: string | null): string | null => {
  const text = raw === null ? '' : cleanText(raw);
  return text === '' ? null : text;
};

/** Validates and normalises what the form sent; throws a French message naming the field. */
export function normaliseSchool(input: ParsedInput<'school.update'>): School {
  let uai: string | null = null;
  const rawUai = optionalText(input.uai);
  if (rawUai !== null) {
    const r = normaliseUai(rawUai);
    if (!r.ok) throw invalid('uai', labelledMessage('Code UAI', r.message));
    uai = r.value;
  }
  const name = cleanText(input.name);
  if (!name) throw invalid('name', 'Nom de l’établissement : il est obligatoire.');
  let departement = optionalText(input.departement)?.toUpperCase() ?? null;
  if (departement !== null) {
    // "1" typed for Ain, as spreadsheets drop leading zeros.
    if (/^\d$/.test(departement)) departement = `0${departement}`;
    if (!DEPARTEMENT.test(departement)) {
      throw invalid('departement', 'Département : attendu un numéro comme 69, 2A, 2B ou 974.');
    }
  } else if (uai) {
    departement = uaiDepartement(uai) || null;
  }
  return { uai, name, address: optionalText(input.address), departement };
}

const FIELDS: Array<[keyof School, string]> = [
  ['uai', 'uai'],
  ['name', 'name'],
  ['address', 'address'],
  ['departement', 'departement'],
];

export async function updateSchool(input: ParsedInput<'school.update'>, ctx: CoreContext): Promise<Output<'school.update'>> {
  const next = normaliseSchool(input);
  const at = ctx.clock.now().toISOString();
  const actor = ctx.actor();
  const changed = await ctx.db.write((tx) => {
    const before = readSchool(tx);
    const diffs = FIELDS.filter(([key]) => before[key] !== next[key]);
    if (diffs.length === 0) return false;
    tx.run(
      `INSERT INTO school (id, uai, name, address, departement, updated_at) VALUES ('school', ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET uai = excluded.uai, name = excluded.name, address = excluded.address,
         departement = excluded.departement, updated_at = excluded.updated_at`,
      [next.uai, next.name, next.address, next.departement, at],
    );
    for (const [key, column] of diffs) {
      tx.run(
        `INSERT INTO audit (id, at, actor, source, entity, entity_id, field, old_value, new_value, run_id)
         VALUES (?, ?, ?, 'edit', 'school', 'school', ?, ?, ?, NULL)`,
        [ctx.ids(), at, actor, column, before[key], next[key]],
      );
    }
    return true;
  });
  if (changed) ctx.emit({ type: 'register.changed', entities: ['school'] });
  return next;
}
