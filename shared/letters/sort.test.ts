import { describe, expect, it } from 'vitest';
import { sortForDistribution } from './sort';
import type { LetterData } from './types';

function letter(lastName: string, firstName: string, division: string | null): LetterData {
  return {
    kind: 'credentials',
    guardian: { civility: null, lastName, firstName, address: { line1: null, line2: null, postalCode: null, city: null, country: null } },
    children: division === undefined ? [] : [{ lastName, firstName: 'Enfant', division }],
    login: `${lastName}.${firstName}`,
    temporaryPassword: 'x',
    expiresAt: null,
    maskedPhone: null,
    reissued: false,
    activationUrl: 'https://example.test/',
  };
}

describe('sortForDistribution', () => {
  it('sorts by class of the first child, then guardian name in French order', () => {
    const input = [
      letter('Zola', 'Émile', '6A'),
      letter('Éluard', 'Paul', '6A'),
      letter('Durand', 'Anne', '5B'),
      letter('eluard', 'Claire', '6A'),
      letter('Ødegård', 'Ola', null),
      letter('Abel', 'Jean', '10A'),
    ];
    const names = sortForDistribution(input).map((l) => `${l.children[0]?.division ?? '-'} ${l.guardian.lastName} ${l.guardian.firstName}`);
    expect(names).toEqual(['5B Durand Anne', '6A eluard Claire', '6A Éluard Paul', '6A Zola Émile', '10A Abel Jean', '- Ødegård Ola']);
  });

  it('returns a copy and leaves the input as it was', () => {
    const input = [letter('B', 'b', '6A'), letter('A', 'a', '6A')];
    const before = input.map((l) => l.guardian.lastName);
    const sorted = sortForDistribution(input);
    expect(sorted).not.toBe(input);
    expect(input.map((l) => l.guardian.lastName)).toEqual(before);
  });
});
