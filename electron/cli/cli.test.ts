import { describe, expect, it } from 'vitest';
import type { ImportSummary, Plan, PreparedFile, Problem } from '../../shared/contract/import';
import { CliFailure } from './errors';
import { humanReport, reportFromPlan, reportFromSummary } from './format';
import { parseMappingText, resolveMapping } from './mapping';

const file = (name: string, headers: string[]): PreparedFile => ({
  name,
  encoding: 'utf-8',
  delimiter: ';',
  layout: 'student-row',
  headers,
  dataRows: 3,
  columns: [],
  missingRequired: [],
});

const problem = (over: Partial<Problem>): Problem => ({
  file: 'a.csv',
  row: 2,
  field: 'student.birthDate',
  code: 'invalid_date',
  severity: 'error',
  message: 'Date impossible : 31/02/2014.',
  raw: '31/02/2014',
  ...over,
});

describe('resolveMapping', () => {
  const a = file('a.csv', ['Nom élève', 'Prénom', 'Né(e) le', 'Tél. resp. 1']);
  const b = file('b.csv', ['INE', 'Nom élève']);

  it('maps headers (accents and case ignored) and indexes to columns of every file', () => {
    const raw = parseMappingText('{"nom eleve": "student.lastName", "3": "guardian1.phone", "Prénom": null}', 'map.json');
    expect(resolveMapping(raw, [a], 'map.json')).toEqual({
      'a.csv': { '0': 'student.lastName', '3': 'guardian1.phone', '1': null },
    });
  });

  it('accepts a mapping per file name', () => {
    const raw = parseMappingText('{"b.csv": {"INE": "student.ine"}}', 'map.json');
    expect(resolveMapping(raw, [a, b], 'map.json')).toEqual({ 'b.csv': { '0': 'student.ine' } });
  });

  it('lets one flat mapping cover two files when each column exists in one of them', () => {
    const raw = parseMappingText('{"INE": "student.ine", "Né(e) le": "student.birthDate"}', 'map.json');
    expect(resolveMapping(raw, [a, b], 'map.json')).toEqual({
      'a.csv': { '2': 'student.birthDate' },
      'b.csv': { '0': 'student.ine' },
    });
  });

  it('names what is wrong in French', () => {
    const fails = (text: string, files: PreparedFile[]) => {
      try {
        resolveMapping(parseMappingText(text, 'map.json'), files, 'map.json');
      } catch (e) {
        expect(e).toBeInstanceOf(CliFailure);
        expect((e as CliFailure).exitCode).toBe(2);
        return (e as CliFailure).message;
      }
      throw new Error('expected a failure');
    };
    expect(fails('{"Classe": "student.division"}', [a])).toContain('« Classe » introuvable dans a.csv');
    expect(fails('{"9": "student.division"}', [a])).toContain('pas de colonne 9');
    expect(fails('{"Prénom": 3}', [a])).toContain('« Prénom »');
    expect(fails('{"c.csv": {"INE": "student.ine"}}', [a, b])).toContain('« c.csv »');
    expect(fails('[1, 2]', [a])).toContain('objet');
    expect(fails('{nope', [a])).toContain('JSON');
  });
});

describe('reports', () => {
  const summary: ImportSummary = {
    runId: 'r1',
    rows: 3,
    students: { created: 2, updated: 0, unchanged: 0, left: 0 },
    guardians: { created: 3, updated: 0, unchanged: 0 },
    rejected: [problem({})],
    warnings: [problem({ row: 3, field: 'guardian1.email', code: 'email_typo', severity: 'warning', message: 'Domaine douteux.' })],
  };

  it('prints the issue’s JSON shape, without raw values', () => {
    expect(reportFromSummary(summary, false)).toEqual({
      rows: 3,
      students: { created: 2, updated: 0, unchanged: 0, left: 0 },
      guardians: { created: 3, updated: 0, unchanged: 0 },
      rejected: [{ row: 2, field: 'student.birthDate', code: 'invalid_date', message: 'Date impossible : 31/02/2014.' }],
      warnings: [{ row: 3, field: 'guardian1.email', code: 'email_typo', message: 'Domaine douteux.' }],
    });
    expect(reportFromSummary(summary, true).rejected[0]).toMatchObject({ file: 'a.csv', row: 2 });
  });

  it('builds the same report from a plan, left only when confirmed on a full export', () => {
    const plan: Plan = {
      rows: 3,
      rejectedRows: 1,
      students: { created: 2, updated: 0, unchanged: 0, left: 4 },
      guardians: { created: 3, updated: 0, unchanged: 0 },
      absent: [1, 2, 3, 4].map((i) => ({ id: `s${i}`, label: `Élève ${i}` })),
      conflicts: [],
      lookAlikes: [],
      problems: summary.rejected.concat(summary.warnings),
      fullExport: true,
    };
    const r = reportFromPlan(plan, false, false);
    expect(r.students.left).toBe(0);
    expect(r.rejected).toHaveLength(1);
    expect(r.warnings).toHaveLength(1);
    expect(reportFromPlan(plan, true, false).students.left).toBe(4);
    expect(reportFromPlan({ ...plan, fullExport: false }, true, false).students.left).toBe(0);
  });

  it('summarises in French for people', () => {
    const text = humanReport(reportFromSummary(summary, false), { dryRun: false, absentNotMarked: 5, conflictsKept: 1, lookAlikes: 0 });
    expect(text).toContain('Import terminé : 3 lignes lues.');
    expect(text).toContain('Élèves : 2 créés');
    expect(text).toContain('5 élèves absents');
    expect(text).toContain('--mark-left');
    expect(text).toContain('1 correction du secrétariat conservée');
    expect(text).toContain('ligne 2, student.birthDate : Date impossible');
    expect(text).not.toContain('31/02/2014 ');
  });
});
