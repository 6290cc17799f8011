/** Realistic sample batch, shared by the tests, the bench and the reference picture. */
import type { LetterBatch, LetterData } from '../../../../shared/letters/types';

export const sampleSchool: LetterBatch['school'] = {
  name: 'Collège Jean-Jaurès',
  uai: '0310001A',
  address: '12 allée des Tilleuls\n31000 Toulouse',
  city: 'Toulouse',
  phone: '05 61 00 00 00',
  signatory: 'La principale, Mme Hélène Marchal',
};

export const ACTIVATION_URL = 'https://comptes.sesame.example/activer';

export function sampleLetters(): LetterData[] {
  return [
    {
      kind: 'credentials',
      guardian: {
        civility: 'M.',
        firstName: 'Łukasz',
        lastName: 'WIŚNIEWSKI',
        address: { line1: '4 rue du Général-de-Gaulle', line2: 'Bâtiment B, appartement 12', postalCode: '31200', city: 'Toulouse', country: 'France' },
      },
      children: [
        { firstName: 'Zofia', lastName: 'WIŚNIEWSKA', division: '6A' },
        { firstName: 'Jan', lastName: 'WIŚNIEWSKI', division: '4B' },
      ],
      login: 'l.wisniewski7',
      temporaryPassword: 'K7mP0x-Lq4',
      expiresAt: '2027-02-25',
      maskedPhone: '06 ** ** ** 78',
      reissued: false,
      activationUrl: ACTIVATION_URL,
    },
    {
      kind: 'credentials',
      guardian: {
        civility: 'M.',
        firstName: 'Şükrü',
        lastName: 'YILMAZ',
        address: { line1: '8 chemin des Prés', line2: null, postalCode: '31400', city: 'Toulouse', country: null },
      },
      children: [{ firstName: 'Elif', lastName: 'YILMAZ', division: '6A' }],
      login: 's.yilmaz',
      temporaryPassword: 'Tr8vW2ns9E',
      expiresAt: '2027-03-01T12:00:00Z',
      maskedPhone: null,
      reissued: true,
      activationUrl: ACTIVATION_URL,
    },
    {
      kind: 'credentials',
      guardian: {
        civility: 'Mme',
        firstName: 'Thị Lan',
        lastName: 'Nguyễn',
        address: { line1: '27 avenue de l’Ødegård', line2: null, postalCode: '31100', city: 'Toulouse', country: null },
      },
      children: [{ firstName: 'Minh', lastName: 'Nguyễn', division: '5C' }],
      login: 'tl.nguyen',
      temporaryPassword: 'Hy3qZ8aRt5',
      expiresAt: '2027-02-25',
      maskedPhone: '07 ** ** ** 12',
      reissued: false,
      activationUrl: ACTIVATION_URL,
    },
    {
      kind: 'reminder',
      guardian: {
        civility: 'Mme',
        firstName: 'Siobhán',
        lastName: 'O’Brien',
        address: { line1: 'Ødegård Farm, 3 Main Street', line2: null, postalCode: 'D02 X285', city: 'Dublin', country: 'Irlande' },
      },
      children: [{ firstName: 'Aoife', lastName: 'O’Brien', division: '3D' }],
      login: 's.obrien2',
      temporaryPassword: null,
      expiresAt: null,
      maskedPhone: '+353 85 *** **12',
      reissued: false,
      activationUrl: ACTIVATION_URL,
    },
  ];
}

export function sampleBatch(letters: LetterData[] = sampleLetters()): LetterBatch {
  return {
    school: sampleSchool,
    title: 'Classe 6A',
    printedAt: '2026-09-01T08:05:00Z',
    printedBy: 'Mme Durand (secrétariat)',
    letters,
  };
}
