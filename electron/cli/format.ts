// What `sesame import` prints: one JSON object (--json) or a short French summary.
import type { ImportSummary, Plan, Problem } from '../../shared/contract/import';

export interface CliProblem {
  /** Present only when two files were imported, so that rows stay unambiguous. */
  file?: string;
  /** Spreadsheet row, header = 1. */
  row: number;
  field: string;
  code: string;
  message: string;
}

export interface CliImportReport {
  rows: number;
  students: { created: number; updated: number; unchanged: number; left: number };
  guardians: { created: number; updated: number; unchanged: number };
  rejected: CliProblem[];
  warnings: CliProblem[];
}

/** Facts the human summary mentions besides the counts. */
export interface ReportNotes {
  dryRun: boolean;
  /** Students absent from a full export, not marked left because --mark-left was not given. */
  absentNotMarked: number;
  /** Staff corrections kept over the file's values. */
  conflictsKept: number;
  lookAlikes: number;
}

// The raw value is left out on purpose: stdout may end up in a log, and raw values are personal data.
const toCli = (p: Problem, multiFile: boolean): CliProblem =>
  multiFile
    ? { file: p.file, row: p.row, field: p.field, code: p.code, message: p.message }
    : { row: p.row, field: p.field, code: p.code, message: p.message };

export function reportFromSummary(summary: ImportSummary, multiFile: boolean): CliImportReport {
  return {
    rows: summary.rows,
    students: { ...summary.students },
    guardians: { ...summary.guardians },
    rejected: summary.rejected.map((p) => toCli(p, multiFile)),
    warnings: summary.warnings.map((p) => toCli(p, multiFile)),
  };
}

/** The same report from a plan (--dry-run): what a commit with the same options would do. */
export function reportFromPlan(plan: Plan, markLeft: boolean, multiFile: boolean): CliImportReport {
  const left = markLeft && plan.fullExport ? Math.max(plan.students.left, plan.absent.length) : 0;
  return {
    rows: plan.rows,
    students: { ...plan.students, left },
    guardians: { ...plan.guardians },
    rejected: plan.problems.filter((p) => p.severity === 'error').map((p) => toCli(p, multiFile)),
    warnings: plan.problems.filter((p) => p.severity === 'warning').map((p) => toCli(p, multiFile)),
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
const MAX_LISTED = 20;

function listProblems(title: string, problems: CliProblem[]): string[] {
  if (problems.length === 0) return [];
  const lines = [title];
  for (const p of problems.slice(0, MAX_LISTED)) {
    const where = p.file ? `${p.file}, ligne ${p.row}` : `ligne ${p.row}`;
    lines.push(`  ${where}, ${p.field} : ${p.message}`);
  }
  if (problems.length > MAX_LISTED) lines.push(`  … et ${problems.length - MAX_LISTED} autres`);
  return lines;
}

export function humanReport(r: CliImportReport, notes: ReportNotes): string {
  const s = r.students;
  const g = r.guardians;
  const lines = [
    notes.dryRun
      ? `Simulation : rien n’a été enregistré. ${plural(r.rows, 'ligne lue', 'lignes lues')}.`
      : `Import terminé : ${plural(r.rows, 'ligne lue', 'lignes lues')}.`,
    `Élèves : ${s.created} créés, ${s.updated} mis à jour, ${s.unchanged} inchangés, ${s.left} marqués sortis.`,
    `Responsables : ${g.created} créés, ${g.updated} mis à jour, ${g.unchanged} inchangés.`,
  ];
  if (notes.absentNotMarked > 0) {
    lines.push(
      notes.absentNotMarked > 1
        ? `${notes.absentNotMarked} élèves absents de ce fichier ne sont pas marqués sortis (ajoutez --mark-left pour confirmer).`
        : '1 élève absent de ce fichier n’est pas marqué sorti (ajoutez --mark-left pour confirmer).',
    );
  }
  if (notes.conflictsKept > 0) {
    lines.push(`${plural(notes.conflictsKept, 'correction du secrétariat conservée', 'corrections du secrétariat conservées')} (le fichier proposait une autre valeur).`);
  }
  if (notes.lookAlikes > 0) {
    lines.push(`${plural(notes.lookAlikes, 'ressemblance', 'ressemblances')} entre responsables à vérifier dans l’application (jamais fusionnées automatiquement).`);
  }
  lines.push(...listProblems(`${plural(r.rejected.length, 'problème bloquant', 'problèmes bloquants')} :`, r.rejected));
  lines.push(...listProblems(`${plural(r.warnings.length, 'avertissement', 'avertissements')} :`, r.warnings));
  return `${lines.join('\n')}\n`;
}
