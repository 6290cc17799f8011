import { describe, expect, it } from 'vitest';
import { defaultLetterTemplate } from './template';
import {
  childrenInline,
  confusableHints,
  formatDateTimeWordsFr,
  formatDateWordsFr,
  letterValues,
  recipientLines,
  salutation,
  schoolLines,
  schoolPhone,
  timeZoneOfDepartement,
} from './format';
import type { LetterData } from './types';

const letter: LetterData = {
  kind: 'credentials',
  guardian: {
    civility: 'Mme',
    firstName: 'Thị Lan',
    lastName: 'Nguyễn',
    address: { line1: '27 avenue de l’Ødegård', line2: '  ', postalCode: '31100', city: 'Toulouse', country: 'FRANCE' },
  },
  children: [
    { firstName: 'Minh', lastName: 'Nguyễn', division: '5C' },
    { firstName: 'An', lastName: 'Nguyễn', division: null },
  ],
  login: 'tl.nguyen',
  temporaryPassword: 'Hy3qZ8aRt5',
  expiresAt: '2027-02-25',
  maskedPhone: null,
  reissued: false,
  activationUrl: 'https://comptes.example/activer',
};

describe('dates in words', () => {
  it('writes French dates, with 1er for the first of the month', () => {
    expect(formatDateWordsFr('2027-02-25')).toBe('25 février 2027');
    expect(formatDateWordsFr('2027-03-01')).toBe('1er mars 2027');
    expect(formatDateWordsFr('2026-08-15')).toBe('15 août 2026');
  });

  it('reads a date-time as the date it is in Paris', () => {
    expect(formatDateWordsFr('2027-02-28T23:30:00Z')).toBe('1er mars 2027');
    expect(formatDateTimeWordsFr('2026-09-01T08:05:00Z')).toBe('1er septembre 2026 à 10 h 05');
  });

  it('dates an overseas school’s letters in its own zone, from its département', () => {
    expect(timeZoneOfDepartement('974')).toBe('Indian/Reunion');
    expect(timeZoneOfDepartement(' 971 ')).toBe('America/Guadeloupe');
    expect(timeZoneOfDepartement('31')).toBe('Europe/Paris');
    expect(timeZoneOfDepartement(null)).toBe('Europe/Paris');
    // 21:30 UTC: already the next day in La Réunion (UTC+4), still the same day in Guadeloupe.
    expect(formatDateWordsFr('2027-02-28T21:30:00Z', 'Indian/Reunion')).toBe('1er mars 2027');
    expect(formatDateWordsFr('2027-02-28T21:30:00Z', 'America/Guadeloupe')).toBe('28 février 2027');
    expect(formatDateTimeWordsFr('2026-09-01T08:05:00Z', 'Indian/Reunion')).toBe('1er septembre 2026 à 12 h 05');
    const reunion = { name: 'Collège Juliette Dodu', uai: null, address: null, city: null, phone: null, signatory: null, timeZone: 'Indian/Reunion' };
    expect(letterValues(reunion, letter, defaultLetterTemplate, '2027-02-28T21:30:00Z').date).toBe('1er mars 2027');
  });

  it('returns null for what is not a date', () => {
    expect(formatDateWordsFr('25/02/2027')).toBeNull();
    expect(formatDateWordsFr('2027-13-01')).toBeNull();
    expect(formatDateWordsFr(null)).toBeNull();
  });
});

describe('letter words', () => {
  it('chooses the formula of address from the civility', () => {
    expect(salutation('Mme')).toBe('Madame');
    expect(salutation('M.')).toBe('Monsieur');
    expect(salutation('MONSIEUR')).toBe('Monsieur');
    expect(salutation(null)).toBe('Madame, Monsieur');
  });

  it('builds the window address: names as stored, no empty line, no « France »', () => {
    expect(recipientLines(letter.guardian)).toEqual(['Mme Thị Lan Nguyễn', '27 avenue de l’Ødegård', '31100 Toulouse']);
    const abroad = { ...letter.guardian, address: { ...letter.guardian.address, country: 'Irlande' } };
    expect(recipientLines(abroad).at(-1)).toBe('Irlande');
  });

  it('lists children inline with their class', () => {
    expect(childrenInline(letter.children)).toBe('Minh Nguyễn (5C) et An Nguyễn');
  });

  it('explains only the confusable characters present', () => {
    const chars = (v: string) => confusableHints(v).map((h) => `${h.char} = ${h.meaning}`);
    expect(chars('K7mP0x-Lq4')).toEqual(['0 = chiffre zéro']);
    expect(chars('l.obrien1')).toEqual(['1 = chiffre un', 'l = lettre L minuscule']);
    expect(chars('o0')).toEqual(['0 = chiffre zéro', 'o = lettre o minuscule']);
    expect(chars('abc')).toEqual([]);
  });

  it('never makes the temporary password a placeholder value', () => {
    const values = letterValues({ name: 'Collège', uai: null, address: null, city: null, phone: null, signatory: null }, letter, defaultLetterTemplate, '2026-09-01T08:00:00Z');
    expect(Object.values(values).some((v) => v.includes('Hy3qZ8aRt5'))).toBe(false);
    expect(values.expiration).toBe('25 février 2027');
    expect(values.telephoneMasque).toBe('aucun numéro enregistré');
    expect(values.secretariat).toBe('le secrétariat élèves de l’établissement');
  });
});

describe('the secretariat’s phone', () => {
  const school = { name: 'Collège', uai: null, address: null, city: null, phone: '0143000000', signatory: null };

  it('prints a number typed in one block as a person dials it', () => {
    expect(schoolPhone('0143000000')).toBe('01 43 00 00 00');
    expect(schoolPhone(' 01.43.00.00.00 ')).toBe('01 43 00 00 00');
    expect(schoolPhone('+33 1 43 00 00 00')).toBe('01 43 00 00 00');
    expect(schoolLines(school)).toContain('Tél. 01 43 00 00 00');
    expect(letterValues(school, letter, defaultLetterTemplate, '2026-09-01T08:00:00Z').secretariat).toBe('le secrétariat élèves (01 43 00 00 00)');
  });

  it('keeps an overseas number typed nationally in its national form', () => {
    expect(schoolPhone('0262123456')).toBe('02 62 12 34 56');
    expect(schoolPhone('+262 262 12 34 56')).toBe('+262 262 12 34 56');
  });

  it('keeps as typed what is not surely one phone number', () => {
    expect(schoolPhone('01 43 00 00 00 poste 12')).toBe('01 43 00 00 00 poste 12');
    expect(schoolPhone('3949')).toBe('3949');
    // A missing leading 0 is only a guess: not printed as if it were certain.
    expect(schoolPhone('143000000')).toBe('143000000');
    expect(schoolPhone('  ')).toBe('');
    expect(schoolPhone(null)).toBe('');
    expect(schoolLines({ ...school, phone: ' ' }).some((l) => l.startsWith('Tél.'))).toBe(false);
  });
});
