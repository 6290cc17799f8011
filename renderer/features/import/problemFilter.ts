import type { Problem } from '../../../shared/contract/import';
import { fieldLabel } from './fields';

export interface ProblemFilter {
  severity: 'all' | 'error' | 'warning';
  field: string; // '' = every field
  text: string;
}

export const NO_FILTER: ProblemFilter = { severity: 'all', field: '', text: '' };

/** Case- and accent-insensitive folding, so « telephone » finds « téléphone ». */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr-FR');
}

/** Errors (rows not imported) first, then warnings; each in file and row order. */
export function filterProblems(problems: readonly Problem[], filter: ProblemFilter): Problem[] {
  const needle = fold(filter.text.trim());
  const errorsFirst = [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity !== 'error')];
  return errorsFirst.filter((p) => {
    if (filter.severity !== 'all' && p.severity !== filter.severity) return false;
    if (filter.field && p.field !== filter.field) return false;
    if (!needle) return true;
    const hay = fold(`${p.file} ${p.row} ${fieldLabel(p.field)} ${p.field} ${p.message} ${p.raw ?? ''}`);
    return hay.includes(needle);
  });
}

/** Distinct fields, for the field filter, in order of first appearance. */
export function problemFields(problems: readonly Problem[]): string[] {
  return [...new Set(problems.map((p) => p.field))];
}

/** « Ligne 12 — Responsable 1 – Téléphone portable — Numéro incomplet — « 06 12 » ». */
export function describeProblem(p: Problem, withFile: boolean): string {
  const where = withFile ? `${p.file}, ligne ${p.row}` : `Ligne ${p.row}`;
  const raw = p.raw === null ? 'valeur vide' : p.raw === '' ? 'valeur vide' : `« ${p.raw} »`;
  return `${where} — ${fieldLabel(p.field)} — ${p.message} — ${raw}`;
}

/** Rows rejected, counted once per file and row however many problems they have. */
export function countRows(problems: readonly Problem[]): number {
  return new Set(problems.map((p) => `${p.file}\u0000${p.row}`)).size;
}
