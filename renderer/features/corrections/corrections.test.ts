import { describe, expect, it } from 'vitest';
import { href, parseRoute, type Route } from '../../app/router';
import { CallError } from '../../transport/call';
import { fixRoute } from './AnomaliesPage';
import { saveFailure } from './fieldErrors';
import { guardianChanges } from './GuardianEditPage';
import { ageText } from './ReportsPage';
import { studentChanges } from './StudentEditPage';

describe('correction routes', () => {
  it('round-trips the new pages through href', () => {
    const routes: Route[] = [
      { name: 'anomalies' },
      { name: 'reports' },
      { name: 'guardianEdit', id: 'g/1' },
      { name: 'guardianEdit', id: 'g1', field: 'phone' },
      { name: 'studentEdit', id: 's1', field: 'birthDate' },
      { name: 'merge', keepId: 'a', mergeId: 'b' },
    ];
    for (const route of routes) expect(parseRoute(href(route))).toEqual(route);
    expect(parseRoute('#/responsables/g1/modifier/phone/x')).toMatchObject({ name: 'notFound' });
  });

  it('sends each anomaly to its fix', () => {
    expect(fixRoute({ action: 'mergeGuardians', entity: 'guardian', id: 'a', otherId: 'b', field: null })).toEqual({ name: 'merge', keepId: 'a', mergeId: 'b' });
    expect(fixRoute({ action: 'editGuardian', entity: 'guardian', id: 'a', otherId: null, field: 'phone' })).toEqual({ name: 'guardianEdit', id: 'a', field: 'phone' });
    expect(fixRoute({ action: 'editLinks', entity: 'student', id: 's', otherId: null, field: null })).toEqual({ name: 'studentEdit', id: 's' });
  });
});

describe('forms send only what changed', () => {
  const g = {
    civility: 'Mme',
    lastName: 'PETIT',
    firstName: 'Nadia',
    phoneRaw: '12 34',
    phoneCountry: 'FR',
    email: 'a@b.fr',
    address: { line1: '', line2: '', postalCode: '', city: '', country: '' },
  };

  it('leaves an untouched guardian alone, sends a typed phone with its country, clears emptied fields', () => {
    expect(guardianChanges(g, { ...g })).toEqual({});
    expect(guardianChanges(g, { ...g, phoneRaw: '0690 12 34 56', phoneCountry: 'GP' })).toEqual({ phone: { raw: '0690 12 34 56', country: 'GP' } });
    expect(guardianChanges(g, { ...g, phoneRaw: ' ' })).toEqual({ phone: null });
    expect(guardianChanges(g, { ...g, email: '', address: { ...g.address, city: 'Lyon' } })).toEqual({ email: null, address: { city: 'Lyon' } });
  });

  it('sends a student birth date as typed', () => {
    const s = { lastName: 'LEROY', firstName: 'Tom', birthDate: '30/09/2013', division: '5B', status: 'enrolled' as const };
    expect(studentChanges(s, { ...s })).toEqual({});
    expect(studentChanges(s, { ...s, birthDate: '1 octobre 2013', division: '' })).toEqual({ birthDate: '1 octobre 2013', division: null });
  });
});

describe('refused saves', () => {
  it('puts each field’s French message next to its field', () => {
    const err = new CallError({
      code: 'invalid_input',
      message: 'Portable : numéro trop court.',
      details: {
        field: 'phone',
        fields: [
          { field: 'phone', code: 'too_short', message: 'Portable : numéro trop court.' },
          { field: 'lastName', code: 'empty', message: 'Nom : obligatoire.' },
        ],
      },
    });
    const f = saveFailure(err);
    expect(f.fields).toEqual({ phone: 'Portable : numéro trop court.', lastName: 'Nom : obligatoire.' });
    expect(f.message).toMatch(/2 champs/);
    expect(saveFailure(new CallError({ code: 'conflict', message: 'x' })).message).toMatch(/modifiée entre-temps/);
  });
});

describe('report age', () => {
  it('reads as people say it', () => {
    expect(ageText(0)).toBe('ouvert depuis moins d’une heure');
    expect(ageText(5)).toBe('ouvert depuis 5 heures');
    expect(ageText(75)).toBe('ouvert depuis 3 jours');
  });
});

describe('inline checks use the import’s rules', () => {
  it('refuses what the domain refuses, in French, and accepts the rest', async () => {
    const { checkField } = await import('./inlineCheck');
    // Named by its field, once: « Nom vide », not « Nom : Nom vide ».
    expect(checkField('lastName', '')).toMatch(/^Nom\b/);
    expect(checkField('lastName', '')).not.toMatch(/^Nom : Nom/);
    expect(checkField('firstName', 'Léa')).toBeUndefined();
    expect(checkField('email', '')).toBeUndefined();
    expect(checkField('email', 'pas-un-courriel')).toMatch(/^Courriel\b/);
    expect(checkField('birthDate', '31/02/2014')).toMatch(/^Date\b/);
    expect(checkField('birthDate', '3 mai 2014')).toBeUndefined();
    expect(checkField('division', 'n’importe quoi')).toBeUndefined();
  });
});
