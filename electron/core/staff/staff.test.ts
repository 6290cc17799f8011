import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRegister } from '../db/register';
import { failure, ok, openCorrectionsCore, seed } from '../edits/test-core';

// Staff management against a file register, reopened: what the « Personnel » section relies on.
describe('staff management', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const registerPath = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sesame-staff-'));
    dirs.push(dir);
    return join(dir, 'registre.sesame');
  };

  it('adds, renames a typo, deactivates and reactivates, keeping the names history was signed with', async () => {
    const path = registerPath();
    const db = await openRegister(path);
    const c = await openCorrectionsCore({ db });
    await db.write((tx) => seed(tx).student({ id: 's1', last: 'MARTIN', first: 'Marie' }));
    const typo = ok(await c.dispatch('staff.add', { name: 'Mme Durnad' }));
    const leroy = ok(await c.dispatch('staff.add', { name: 'M. Leroy' }));
    ok(await c.dispatch('session.setActor', { staffId: typo.id }));
    ok(await c.dispatch('students.update', { id: 's1', baseVersion: 1, changes: { firstName: 'Marie-Anne' } }));

    // Renaming fixes the list and the session's signature from now on; the past row keeps its name.
    const fixed = ok(await c.dispatch('staff.rename', { id: typo.id, name: '  Mme   Durand ' }));
    expect(fixed).toEqual({ id: typo.id, name: 'Mme Durand', active: true });
    expect(ok(await c.dispatch('session.get', {})).actor?.name).toBe('Mme Durand');
    ok(await c.dispatch('students.update', { id: 's1', baseVersion: 2, changes: { firstName: 'Marie' } }));
    expect(c.db.all<{ actor: string }>("SELECT actor FROM audit WHERE entity_id = 's1' ORDER BY at, id").map((r) => r.actor)).toEqual([
      'Mme Durnad',
      'Mme Durand',
    ]);
    expect(c.events.filter((e) => e.type === 'register.changed' && e.entities.includes('staff')).length).toBeGreaterThanOrEqual(3);

    // Refusals, in French, next to the field, with nothing written.
    const duplicate = failure(await c.dispatch('staff.rename', { id: typo.id, name: 'm. leroy' }));
    expect(duplicate.code).toBe('invalid_input');
    expect(duplicate.details?.field).toBe('name');
    expect(duplicate.message).toMatch(/déjà ce nom/);
    expect(failure(await c.dispatch('staff.rename', { id: typo.id, name: '   ' })).details?.field).toBe('name');
    expect(failure(await c.dispatch('staff.rename', { id: 'nobody', name: 'X' })).code).toBe('not_found');
    expect(ok(await c.dispatch('staff.list', { includeInactive: true })).map((s) => s.name)).toEqual(['M. Leroy', 'Mme Durand']);

    // Someone who left: out of the picker's list, still in the full list and in history.
    const left = ok(await c.dispatch('staff.setActive', { id: typo.id, active: false }));
    expect(left.active).toBe(false);
    expect(ok(await c.dispatch('session.get', {})).actor).toBeNull();
    expect(ok(await c.dispatch('staff.list', {})).map((s) => s.name)).toEqual(['M. Leroy']);
    expect(ok(await c.dispatch('staff.list', { includeInactive: true }))).toEqual([
      { id: leroy.id, name: 'M. Leroy', active: true },
      { id: typo.id, name: 'Mme Durand', active: false },
    ]);

    // The last active person cannot be deactivated: the start-up question would offer nobody.
    const last = failure(await c.dispatch('staff.setActive', { id: leroy.id, active: false }));
    expect(last.code).toBe('invalid_input');
    expect(last.details?.field).toBe('active');
    expect(last.message).toBe('M. Leroy est la dernière personne active : ajoutez ou réactivez quelqu’un avant de la désactiver.');
    expect(ok(await c.dispatch('staff.list', {})).map((s) => s.name)).toEqual(['M. Leroy']);

    // Back again: reactivated (also what adding the same name again does).
    expect(ok(await c.dispatch('staff.setActive', { id: typo.id, active: true })).active).toBe(true);
    ok(await c.dispatch('staff.setActive', { id: leroy.id, active: false }));
    await db.close();

    // Durable: the list as it was left, after reopening the register.
    const again = await openRegister(path);
    const c2 = await openCorrectionsCore({ db: again });
    expect(ok(await c2.dispatch('staff.list', { includeInactive: true }))).toEqual([
      { id: leroy.id, name: 'M. Leroy', active: false },
      { id: typo.id, name: 'Mme Durand', active: true },
    ]);
    expect(c2.db.all<{ actor: string }>("SELECT actor FROM audit WHERE entity_id = 's1' ORDER BY at, id").map((r) => r.actor)).toEqual([
      'Mme Durnad',
      'Mme Durand',
    ]);
    await again.close();
  });
});
