// Who acts: a short list of staff names kept in the register, and the one chosen for this session.
// Every audit row carries the chosen name (ctx.actor()).

import type { Output, ParsedInput } from '../../../shared/contract';
import type { Session, StaffMember } from '../../../shared/contract/corrections';
import { cleanText } from '../../../shared/domain/text';
import type { CoreContext } from '../context';
import { AppFailure } from '../errors';
import { invalidFields, fieldError } from '../edits/changes';

const SESSION_KEY = 'session.actor';
/** Name written when nobody has been chosen (CLI, first start). */
export const DEFAULT_ACTOR = 'secrétariat';

interface StaffSql {
  id: string;
  name: string;
  active: number;
}

const member = (r: StaffSql): StaffMember => ({ id: r.id, name: r.name, active: Number(r.active) === 1 });

/** The staff member chosen for this session, if any (kept in the core's memory, not in the register). */
export function currentActor(cache: Map<string, unknown>): StaffMember | null {
  return (cache.get(SESSION_KEY) as StaffMember | undefined) ?? null;
}

/** ctx.actor() of a core: the chosen staff member's name, else the default. */
export const sessionActor = (cache: Map<string, unknown>) => (): string => currentActor(cache)?.name ?? DEFAULT_ACTOR;

export function listStaff(input: ParsedInput<'staff.list'>, ctx: CoreContext): Output<'staff.list'> {
  const rows = ctx.db.all<StaffSql>(
    `SELECT id, name, active FROM staff ${input.includeInactive ? '' : 'WHERE active = 1'} ORDER BY name COLLATE NOCASE, id`,
  );
  return rows.map(member);
}

function validName(raw: string): string {
  const name = cleanText(raw);
  if (name === '') throw invalidFields([fieldError('name', 'empty', 'Nom : saisissez le nom sous lequel vos modifications seront signées (ex. « Mme Durand »).')]);
  if ([...name].length > 60) throw invalidFields([fieldError('name', 'too_long', 'Nom : 60 caractères au plus.')]);
  if (/[\p{Cc}<>]/u.test(name)) throw invalidFields([fieldError('name', 'invalid_character', 'Nom : caractère non autorisé.')]);
  return name;
}

export async function addStaff(input: ParsedInput<'staff.add'>, ctx: CoreContext): Promise<Output<'staff.add'>> {
  const name = validName(input.name);
  const now = ctx.clock.now().toISOString();
  const result = await ctx.db.write((tx) => {
    const same = tx.all<StaffSql>('SELECT id, name, active FROM staff').find((r) => r.name.toLocaleLowerCase('fr') === name.toLocaleLowerCase('fr'));
    if (same) {
      if (Number(same.active) === 1) throw invalidFields([fieldError('name', 'duplicate', 'Nom : cette personne figure déjà dans la liste.')]);
      tx.run('UPDATE staff SET active = 1 WHERE id = ?', [same.id]);
      return { ...member(same), active: true };
    }
    const id = ctx.ids();
    tx.run('INSERT INTO staff (id, name, active, created_at) VALUES (?, ?, 1, ?)', [id, name, now]);
    return { id, name, active: true };
  });
  ctx.emit({ type: 'register.changed', entities: ['staff'] });
  return result;
}

export async function renameStaff(input: ParsedInput<'staff.rename'>, ctx: CoreContext): Promise<Output<'staff.rename'>> {
  const name = validName(input.name);
  const row = await ctx.db.write((tx) => {
    const r = tx.get<StaffSql>('SELECT id, name, active FROM staff WHERE id = ?', [input.id]);
    if (!r) throw new AppFailure('not_found', 'Membre du personnel introuvable.');
    const same = tx
      .all<StaffSql>('SELECT id, name, active FROM staff WHERE id <> ?', [input.id])
      .find((o) => o.name.toLocaleLowerCase('fr') === name.toLocaleLowerCase('fr'));
    if (same) throw invalidFields([fieldError('name', 'duplicate', 'Nom : une autre personne de la liste porte déjà ce nom.')]);
    // Only the list changes: audit rows keep the name they were signed with, as history must.
    tx.run('UPDATE staff SET name = ? WHERE id = ?', [name, input.id]);
    return { ...member(r), name };
  });
  if (currentActor(ctx.cache)?.id === row.id) ctx.cache.set(SESSION_KEY, row);
  ctx.emit({ type: 'register.changed', entities: ['staff'] });
  return row;
}

export async function setStaffActive(input: ParsedInput<'staff.setActive'>, ctx: CoreContext): Promise<Output<'staff.setActive'>> {
  const row = await ctx.db.write((tx) => {
    const r = tx.get<StaffSql>('SELECT id, name, active FROM staff WHERE id = ?', [input.id]);
    if (!r) throw new AppFailure('not_found', 'Membre du personnel introuvable.');
    if (!input.active && Number(r.active) === 1) {
      const others = tx.get<{ n: number }>('SELECT count(*) AS n FROM staff WHERE active = 1 AND id <> ?', [input.id])?.n ?? 0;
      // Someone must stay choosable at start, or « Qui êtes-vous ? » would offer nobody.
      if (Number(others) === 0) {
        throw invalidFields([
          fieldError('active', 'last_active', `${r.name} est la dernière personne active : ajoutez ou réactivez quelqu’un avant de la désactiver.`),
        ]);
      }
    }
    tx.run('UPDATE staff SET active = ? WHERE id = ?', [input.active ? 1 : 0, input.id]);
    return { ...member(r), active: input.active };
  });
  if (!row.active && currentActor(ctx.cache)?.id === row.id) ctx.cache.delete(SESSION_KEY);
  ctx.emit({ type: 'register.changed', entities: ['staff'] });
  return row;
}

export function setActor(input: ParsedInput<'session.setActor'>, ctx: CoreContext): Output<'session.setActor'> {
  if (input.staffId === null) {
    ctx.cache.delete(SESSION_KEY);
    return { actor: null };
  }
  const r = ctx.db.get<StaffSql>('SELECT id, name, active FROM staff WHERE id = ?', [input.staffId]);
  if (!r || Number(r.active) !== 1) {
    throw invalidFields([fieldError('staffId', 'not_found', 'Choisissez votre nom dans la liste du personnel (ou ajoutez-le).')]);
  }
  const actor = member(r);
  ctx.cache.set(SESSION_KEY, actor);
  return { actor };
}

export const getSession = (ctx: CoreContext): Session => ({ actor: currentActor(ctx.cache) });
