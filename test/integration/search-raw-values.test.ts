import { describe, expect, it } from 'vitest';
import { ok, openCorrectionsCore } from '../../electron/core/edits/test-core';
import { file, importAll, utf8 } from './import-helpers';

// The UX review's case, end to end: a parent whose phone and email were refused at import is
// found by what their page shows, and once fixed (a Belgian number) by how it is written locally.
describe('guardian search after import and edits', () => {
  it('finds refused input, then the corrected foreign number, and no longer the old input', async () => {
    const c = await openCorrectionsCore();
    const sheet = [
      'Nom;Prénom;Date de naissance;Nom responsable 1;Prénom responsable 1;Portable responsable 1;Email responsable 1',
      'MARTINEZ;Lucas;01/02/2014;MARTINEZ;Hélène;0711471049;helene.martinez@gmail',
      'ROSE;Alix;03/04/2013;ROSE;Nadia;06 12 34 56 78;nadia.rose@example.fr',
    ].join('\n');
    await importAll(c.ctx, [file('eleves.csv', utf8(sheet))]);
    const g = c.db.get<{ id: string; phone: string | null; phone_raw: string; email: string | null; email_raw: string }>(
      "SELECT id, phone, phone_raw, email, email_raw FROM guardian WHERE first_name = 'Hélène'",
    )!;
    expect(g).toMatchObject({ phone: null, phone_raw: '0711471049', email: null, email_raw: 'helene.martinez@gmail' });

    const search = async (query: string) => ok(await c.dispatch('guardians.list', { query })).rows.map((r) => r.id);
    expect(await search('0711471049')).toEqual([g.id]);
    expect(await search('07 11 47')).toEqual([g.id]);
    expect(await search('helene.martinez@gmail')).toEqual([g.id]);
    // The list row shows what matched: the values as typed, while they cannot be read.
    const row = async () => ok(await c.dispatch('guardians.list', { query: 'MARTINEZ Hélène' })).rows[0];
    expect(await row()).toMatchObject({ phone: null, phoneRaw: '0711471049', email: null, emailRaw: 'helene.martinez@gmail' });

    const form = ok(await c.dispatch('guardians.editForm', { id: g.id }));
    ok(
      await c.dispatch('guardians.update', {
        id: g.id,
        baseVersion: form.version,
        changes: { phone: { raw: '+32 470 12 34 56', country: 'BE' }, email: 'helene.martinez@gmail.com' },
      }),
    );
    expect(c.db.get('SELECT phone, phone_raw FROM guardian WHERE id = ?', [g.id])).toEqual({ phone: '+32470123456', phone_raw: null });
    expect(await search('0711471049')).toEqual([]);
    expect(await search('0470 12')).toEqual([g.id]);
    expect(await search('+32 470')).toEqual([g.id]);
    expect(await search('helene.martinez@gmail.com')).toEqual([g.id]);
    expect(await row()).toMatchObject({ phone: '+32470123456', phoneRaw: null, email: 'helene.martinez@gmail.com', emailRaw: null });
    expect(ok(await c.dispatch('guardians.get', { id: g.id }))).toMatchObject({ phoneRaw: null, emailRaw: null });
    await c.db.close();
  });
});
