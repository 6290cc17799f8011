import { describe, expect, it } from 'vitest';
import { fieldChoices, fieldLabel, guessField, isCanonicalField } from './fields';

const map = (headers: string[]) => Object.fromEntries(headers.map((h) => [h, guessField(h)?.field ?? null]));

describe('header synonyms', () => {
  it('SIECLE extraction', () => {
    expect(
      map([
        'NOM DE FAMILLE', 'NOM D\'USAGE', 'PRENOM 1', 'PRENOM 2', 'DATE NAISS', 'INE', 'DIV.', 'MEF',
        'CIVILITE RESP LEG 1', 'NOM RESP LEG 1', 'PRENOM RESP LEG 1', 'LIEN DE PARENTE RL1', 'TEL PORTABLE RL1',
        'TEL DOMICILE RL1', 'TEL TRAVAIL RL1', 'COURRIEL RL1', 'ADRESSE RL1', 'ADRESSE 2 RL1', 'CODE POSTAL RL1', 'COMMUNE RL1',
        'PAYS RL1', 'NOM RESP LEG 2', 'TEL PORTABLE RL2', 'Adresse 1 resp. légal 2', 'Courriel resp. légal 2',
      ]),
    ).toEqual({
      'NOM DE FAMILLE': 'student.lastName',
      "NOM D'USAGE": null,
      'PRENOM 1': 'student.firstName',
      'PRENOM 2': null,
      'DATE NAISS': 'student.birthDate',
      INE: 'student.ine',
      'DIV.': 'student.division',
      MEF: 'student.level',
      'CIVILITE RESP LEG 1': 'guardian1.civility',
      'NOM RESP LEG 1': 'guardian1.lastName',
      'PRENOM RESP LEG 1': 'guardian1.firstName',
      'LIEN DE PARENTE RL1': 'guardian1.relation',
      'TEL PORTABLE RL1': 'guardian1.phone',
      'TEL DOMICILE RL1': 'guardian1.phoneHome',
      'TEL TRAVAIL RL1': 'guardian1.phoneWork',
      'COURRIEL RL1': 'guardian1.email',
      'ADRESSE RL1': 'guardian1.address1',
      'ADRESSE 2 RL1': 'guardian1.address2',
      'CODE POSTAL RL1': 'guardian1.postalCode',
      'COMMUNE RL1': 'guardian1.city',
      'PAYS RL1': 'guardian1.country',
      'NOM RESP LEG 2': 'guardian2.lastName',
      'TEL PORTABLE RL2': 'guardian2.phone',
      'Adresse 1 resp. légal 2': 'guardian2.address1',
      'Courriel resp. légal 2': 'guardian2.email',
    });
  });

  it('ONDE students and guardians exports', () => {
    expect(map(['Nom élève', 'Prénom élève', 'Date de naissance', 'Classe', 'Niveau', 'INE'])).toEqual({
      'Nom élève': 'student.lastName',
      'Prénom élève': 'student.firstName',
      'Date de naissance': 'student.birthDate',
      Classe: 'student.division',
      Niveau: 'student.level',
      INE: 'student.ine',
    });
    expect(
      map(['Civilité', 'Nom responsable', 'Prénom responsable', 'Courriel', 'Téléphone portable', 'Téléphone domicile', 'Nom enfant 1', 'Prénom enfant 1', 'Classe enfant 1', 'Nom enfant 2', 'Date de naissance enfant 2']),
    ).toEqual({
      Civilité: 'guardian.civility',
      'Nom responsable': 'guardian.lastName',
      'Prénom responsable': 'guardian.firstName',
      Courriel: 'guardian.email',
      'Téléphone portable': 'guardian.phone',
      'Téléphone domicile': 'guardian.phoneHome',
      'Nom enfant 1': 'child1.lastName',
      'Prénom enfant 1': 'child1.firstName',
      'Classe enfant 1': 'child1.division',
      'Nom enfant 2': 'child2.lastName',
      'Date de naissance enfant 2': 'child2.birthDate',
    });
  });

  it('ENT and hand-made sheets', () => {
    expect(
      map(['Nom', 'Prénom', 'Né(e) le', 'Classe', 'Mère - portable', 'Père - mail', 'Tél. mobile responsable 1', 'Email parent 2', 'N° INE', 'Responsable légal', 'Lien avec l’élève', 'CP', 'Ville']),
    ).toEqual({
      Nom: 'student.lastName',
      Prénom: 'student.firstName',
      'Né(e) le': 'student.birthDate',
      Classe: 'student.division',
      'Mère - portable': 'guardian1.phone',
      'Père - mail': 'guardian2.email',
      'Tél. mobile responsable 1': 'guardian1.phone',
      'Email parent 2': 'guardian2.email',
      'N° INE': 'student.ine',
      'Responsable légal': 'guardian.legalRank',
      'Lien avec l’élève': 'guardian.relation',
      CP: 'guardian.postalCode',
      Ville: 'guardian.city',
    });
    expect(guessField('Mère - portable')).toEqual({ field: 'guardian1.phone', impliedRelation: 'Mère' });
    expect(guessField('Responsable 3 - nom')).toBeNull();
    expect(guessField('Grand-mère')).toBeNull();
    expect(guessField('')).toBeNull();
  });

  it('labels and choices are French and canonical', () => {
    expect(fieldLabel('guardian2.email')).toBe('Responsable 2 – Courriel');
    expect(fieldLabel('child1.division')).toBe('Enfant 1 – Classe');
    const choices = fieldChoices();
    expect(choices.every((c) => isCanonicalField(c.field))).toBe(true);
    expect(isCanonicalField('student.nope')).toBe(false);
    expect(isCanonicalField('guardian3.phone')).toBe(false);
  });
});
