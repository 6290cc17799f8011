import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../shared/contract/import';
import { countRows, describeProblem, filterProblems, NO_FILTER, problemFields } from './problemFilter';

const p = (over: Partial<Problem>): Problem => ({
  file: 'eleves.csv',
  row: 2,
  field: 'guardian1.phone',
  code: 'phone_invalid',
  severity: 'error',
  message: 'Numéro de téléphone incomplet',
  raw: '06 12',
  ...over,
});

const problems: Problem[] = [
  p({}),
  p({ row: 3, field: 'student.birthDate', message: 'Date impossible', raw: '31/02/2015' }),
  p({ row: 3, field: 'guardian1.email', severity: 'warning', message: 'Domaine suspect', raw: 'a@gmial.com' }),
  p({ file: 'resp.csv', row: 7, field: 'row', message: 'Ligne vide', raw: null }),
];

describe('filterProblems', () => {
  it('keeps everything without a filter, rejected rows first, each kind in row order', () => {
    expect(filterProblems(problems, NO_FILTER)).toEqual([problems[0], problems[1], problems[3], problems[2]]);
  });

  it('filters by severity and by field', () => {
    expect(filterProblems(problems, { ...NO_FILTER, severity: 'warning' }).map((x) => x.row)).toEqual([3]);
    expect(filterProblems(problems, { ...NO_FILTER, field: 'student.birthDate' })).toEqual([problems[1]]);
  });

  it('searches text without caring about case or accents, in labels and raw values', () => {
    expect(filterProblems(problems, { ...NO_FILTER, text: 'TELEPHONE' })).toEqual([problems[0]]);
    expect(filterProblems(problems, { ...NO_FILTER, text: 'gmial' })).toEqual([problems[2]]);
    expect(filterProblems(problems, { ...NO_FILTER, text: 'date de naissance' })).toEqual([problems[1]]);
    expect(filterProblems(problems, { ...NO_FILTER, text: 'resp.csv' })).toEqual([problems[3]]);
  });

  it('combines filters', () => {
    expect(filterProblems(problems, { severity: 'error', field: '', text: 'date' })).toEqual([problems[1]]);
  });
});

describe('describeProblem', () => {
  it('reads « Ligne N — champ — message — valeur brute »', () => {
    expect(describeProblem(problems[0]!, false)).toBe(
      'Ligne 2 — Responsable 1 – Téléphone portable — Numéro de téléphone incomplet — « 06 12 »',
    );
  });
  it('names the file when there are two, and says when the value was empty', () => {
    expect(describeProblem(problems[3]!, true)).toBe('resp.csv, ligne 7 — Ligne entière — Ligne vide — valeur vide');
  });
});

describe('problem helpers', () => {
  it('lists distinct fields in order of appearance', () => {
    expect(problemFields(problems)).toEqual(['guardian1.phone', 'student.birthDate', 'guardian1.email', 'row']);
  });
  it('counts a row once per file however many problems it has', () => {
    expect(countRows(problems)).toBe(3);
  });
});
