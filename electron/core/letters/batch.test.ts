import { describe, expect, it } from 'vitest';
import { batchFileName } from './batch';
import { hasPostalAddress } from './select';

describe('letters batch helpers', () => {
  it('names the file after the class and the day', () => {
    const d = new Date('2026-11-25T09:00:00Z');
    expect(batchFileName({ scope: 'division', division: '6A' }, 'Classe 6A', d)).toBe('courriers-6A-2026-11-25.pdf');
    expect(batchFileName({ scope: 'inactive' }, 'x', d)).toBe('courriers-sans-compte-actif-2026-11-25.pdf');
    expect(batchFileName({ scope: 'guardians', guardianIds: ['g'] }, 'Lettre individuelle – Mme WÓJCIK Małgorzata', d)).toBe(
      'courriers-Mme-WOJCIK-Malgorzata-2026-11-25.pdf',
    );
    expect(batchFileName({ scope: 'guardians', guardianIds: ['g', 'h'] }, 'Sélection de 2 responsables', d)).toBe('courriers-Selection-de-2-responsables-2026-11-25.pdf');
    expect(batchFileName({ scope: 'students', studentIds: ['s'] }, 'Responsables de 1 élève sélectionné', d)).toBe('courriers-selection-eleves-2026-11-25.pdf');
  });

  it('wants a street line and a postal code or a city', () => {
    const a = { line1: '12 rue des Écoles', line2: null, postalCode: '31000', city: null, country: null };
    expect(hasPostalAddress(a)).toBe(true);
    expect(hasPostalAddress({ ...a, line1: ' ' })).toBe(false);
    expect(hasPostalAddress({ ...a, postalCode: null })).toBe(false);
    expect(hasPostalAddress({ ...a, postalCode: null, city: 'Toulouse' })).toBe(true);
  });
});
