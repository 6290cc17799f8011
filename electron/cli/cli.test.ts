import { describe, expect, it } from 'vitest';
import type { ImportSummary, Plan, Problem } from '../../shared/contract/import';
import { CliFailure } from './errors';
import { guardianChanges, studentChanges } from './edit';
import { joinDashValues } from './args';
import { humanReport, reportFromPlan, reportFromSummary } from './format';
import { parseMappingText, toContractMapping } from './mapping';

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

describe('toContractMapping', () => {
  it('applies a flat mapping to every file', () => {
    const raw = parseMappingText('\uFEFF{"Nom élève": "student.lastName", "3": "guardian1.phone", "Prénom": null}', 'map.json');
    const choices = { 'Nom élève': 'student.lastName', '3': 'guardian1.phone', Prénom: null };
    expect(toContractMapping(raw, ['a.csv', 'b.csv'], 'map.json')).toEqual({ 'a.csv': choices, 'b.csv': choices });
  });

  it('accepts a mapping per file name', () => {
    const raw = parseMappingText('{"b.csv": {"INE": "student.ine"}}', 'map.json');
    expect(toContractMapping(raw, ['a.csv', 'b.csv'], 'map.json')).toEqual({ 'b.csv': { INE: 'student.ine' } });
  });

  it('names what is wrong in French', () => {
    const fails = (text: string) => {
      try {
        toContractMapping(parseMappingText(text, 'map.json'), ['a.csv', 'b.csv'], 'map.json');
      } catch (e) {
        expect(e).toBeInstanceOf(CliFailure);
        expect((e as CliFailure).exitCode).toBe(2);
        return (e as CliFailure).message;
      }
      throw new Error('expected a failure');
    };
    expect(fails('{"Prénom": 3}')).toContain('« Prénom »');
    expect(fails('{"c.csv": {"INE": "student.ine"}}')).toContain('« c.csv »');
    expect(fails('[1, 2]')).toContain('objet');
    expect(fails('{nope')).toContain('JSON');
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
      updates: [],
      updatesTotal: 0,
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

describe('sesame edit options', () => {
  const usageError = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(CliFailure);
      expect((e as CliFailure).exitCode).toBe(64);
      return (e as CliFailure).message.split('\n')[0];
    }
    throw new Error('expected a usage error');
  };

  it('maps options to the form’s changes: a phone with its country, removals, an empty civility cleared', () => {
    expect(guardianChanges({ phone: '0690 12 34 56', 'phone-country': 'gp', 'no-email': true, civility: '' })).toEqual({
      phone: { raw: '0690 12 34 56', country: 'GP' },
      email: null,
      civility: null,
    });
    expect(guardianChanges({ 'no-phone': true, 'last-name': 'Martin-Roux' })).toEqual({ phone: null, lastName: 'Martin-Roux' });
    expect(studentChanges({ 'birth-date': '3 mai 2014', division: '', status: 'left' })).toEqual({ birthDate: '3 mai 2014', division: null, status: 'left' });
  });

  it('refuses contradictory or misplaced options with a French reason', () => {
    expect(usageError(() => guardianChanges({ phone: '06', 'no-phone': true }))).toContain('s’excluent');
    expect(usageError(() => guardianChanges({ 'phone-country': 'FR' }))).toContain('--phone-country');
    expect(usageError(() => guardianChanges({ phone: '06', 'phone-country': 'France' }))).toContain('deux lettres');
    expect(usageError(() => guardianChanges({ 'birth-date': '01/01/2014' }))).toContain('--birth-date');
    expect(usageError(() => studentChanges({ email: 'a@b.fr' }))).toContain('--email');
    expect(usageError(() => studentChanges({ status: 'parti' }))).toContain('enrolled');
  });
});

describe('option values starting with a dash', () => {
  const options = { db: { type: 'string' }, token: { type: 'string' }, json: { type: 'boolean' } } as const;

  it('joins them to their option, as parseArgs would otherwise refuse a base64url token starting with « - »', () => {
    expect(joinDashValues(['config', '--db', 'r.sesame', '--token', '-Ab3_x', '--json'], options)).toEqual(['config', '--db', 'r.sesame', '--token=-Ab3_x', '--json']);
    expect(joinDashValues(['--token', '-'], options)).toEqual(['--token=-']);
  });

  it('leaves a missing value a usage error: the next option is not taken as the value', () => {
    expect(joinDashValues(['--token', '--json'], options)).toEqual(['--token', '--json']);
    expect(joinDashValues(['--token', '--db=x'], options)).toEqual(['--token', '--db=x']);
    expect(joinDashValues(['--json', '-x'], options)).toEqual(['--json', '-x']);
  });
});
