import { describe, expect, it } from 'vitest';
import { AppFailure } from '../errors';
import { replacingOf } from '../../../shared/letters/replacing';
import { batchFileName, checkConfirmed, nothingToPrint } from './batch';
import { lettersSummary } from './render/cover';
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

  it('counts the letters that void a previous password, and the active accounts among them', () => {
    const planned = [
      { reissued: true, activeAccount: false },
      { reissued: true, activeAccount: true },
      { reissued: false, activeAccount: false },
      { reissued: false, activeAccount: true },
    ];
    expect(replacingOf(planned)).toEqual({ letters: 2, activeAccounts: 1 });
    expect(replacingOf([])).toEqual({ letters: 0, activeAccounts: 0 });
  });

  it('refuses a batch voiding more letters than confirmed, with what it would void', () => {
    const replacing = { letters: 13, activeAccounts: 0 };
    // The command line does not ask: no check.
    expect(() => checkConfirmed(replacing, undefined)).not.toThrow();
    expect(() => checkConfirmed(replacing, 13)).not.toThrow();
    expect(() => checkConfirmed({ letters: 0, activeAccounts: 0 }, 0)).not.toThrow();
    let refused: unknown;
    try {
      checkConfirmed(replacing, 0);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(AppFailure);
    expect(refused).toMatchObject({ code: 'conflict', details: replacing });
    expect((refused as Error).message).toContain('13 courriers remplaceraient des courriers déjà imprimés');
    expect(() => checkConfirmed({ letters: 1, activeAccounts: 0 }, 0)).toThrow('1 courrier remplacerait un courrier déjà imprimé');
  });

  it('sums up the cover without repeating « courriers », in correct French', () => {
    expect(lettersSummary(13, 13, 0)).toBe('13, dont 13 avec identifiant et mot de passe provisoire et 0 rappel d’identifiant');
    expect(lettersSummary(4, 3, 1)).toBe('4, dont 3 avec identifiant et mot de passe provisoire et 1 rappel d’identifiant (1 remplace un courrier précédent)');
    expect(lettersSummary(5, 2, 2)).toBe('5, dont 2 avec identifiant et mot de passe provisoire et 3 rappels d’identifiant (2 remplacent un courrier précédent)');
  });
});

describe('nothingToPrint', () => {
  it('says why nothing prints: the one person’s reason, or the first few', () => {
    expect(nothingToPrint([{ name: 'M. BERTRAND Frédéric', reason: 'Pas d’adresse postale : complétez l’adresse du responsable.' }])).toBe(
      'Aucun courrier à imprimer pour M. BERTRAND Frédéric — Pas d’adresse postale : complétez l’adresse du responsable.',
    );
    const many = ['A', 'B', 'C', 'D', 'E'].map((n) => ({ name: n, reason: 'Aucun enfant inscrit.' }));
    expect(nothingToPrint(many)).toBe(
      'Aucun courrier à imprimer : 5 responsables écartés, dont A (Aucun enfant inscrit) ; B (Aucun enfant inscrit) ; C (Aucun enfant inscrit) et 2 autres.',
    );
    expect(nothingToPrint([])).toBe('Aucun courrier à imprimer dans ce lot.');
  });
});
