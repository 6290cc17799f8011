import { describe, expect, it } from 'vitest';
import { fieldLabel, fieldOptions, groupChoices } from './fields';
import { progressPercent } from './progress';

describe('fieldLabel', () => {
  it('uses the canonical French labels, and names ignored columns', () => {
    expect(fieldLabel('student.birthDate')).toBe('Élève – Date de naissance');
    expect(fieldLabel('guardian2.email')).toBe('Responsable 2 – Courriel');
    expect(fieldLabel(null)).toBe('Ignorée');
  });
});

describe('fieldOptions', () => {
  it('offers every canonical field once, grouped', () => {
    const options = fieldOptions(['student.ine', null]);
    expect(options.filter((o) => o.field === 'student.ine')).toHaveLength(1);
    const groups = groupChoices(options).map((g) => g.group);
    expect(groups.slice(0, 4)).toEqual(['Élève', 'Responsable 1', 'Responsable 2', 'Responsable']);
  });

  it('widens child groups to what the core mentioned and keeps unknown fields', () => {
    const options = fieldOptions(['child7.lastName', 'student.shoeSize']);
    expect(options.some((o) => o.field === 'child7.division')).toBe(true);
    expect(options.at(-1)).toMatchObject({ field: 'student.shoeSize', group: 'Autres' });
  });
});

describe('progressPercent', () => {
  it('is a whole percent within bounds', () => {
    expect(progressPercent(0, 0)).toBe(0);
    expect(progressPercent(1, 3)).toBe(33);
    expect(progressPercent(5, 4)).toBe(100);
    expect(progressPercent(-1, 4)).toBe(0);
    expect(progressPercent(Number.NaN, 4)).toBe(0);
  });
});
