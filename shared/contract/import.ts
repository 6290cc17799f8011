import { z } from 'zod';
import { read, write } from './define';

/** A problem found in a sheet, located as a person sees it: file, spreadsheet row (header = 1), field. */
export const Problem = z.object({
  file: z.string(),
  row: z.number().int(),
  /** Canonical field, e.g. `student.birthDate`, `guardian1.phone`; `row` for the whole row. */
  field: z.string(),
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  /** The value as typed, kept so that nothing a parent wrote is lost. */
  raw: z.string().nullable(),
});
export type Problem = z.infer<typeof Problem>;

export const ColumnMapping = z.object({
  column: z.number().int(),
  header: z.string(),
  /** Canonical field, or null when the column is ignored. */
  field: z.string().nullable(),
  auto: z.boolean(),
});
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const PreparedFile = z.object({
  name: z.string(),
  encoding: z.string(),
  delimiter: z.string(),
  layout: z.enum(['student-row', 'guardian-row', 'onde-students', 'onde-guardians']),
  headers: z.array(z.string()),
  dataRows: z.number().int(),
  columns: z.array(ColumnMapping),
  /** Canonical fields the layout requires and no column provides. */
  missingRequired: z.array(z.string()),
  /** First few data rows as raw cells (by column index), to help a person map columns. */
  samples: z.array(z.array(z.string())).optional(),
});
export type PreparedFile = z.infer<typeof PreparedFile>;

export const Counts = z.object({
  students: z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), left: z.number() }),
  guardians: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }),
});

export const Conflict = z.object({
  id: z.string(),
  entity: z.enum(['student', 'guardian']),
  entityId: z.string(),
  label: z.string(),
  /** Register column, and its label and values as a person reads them. */
  field: z.string(),
  fieldLabel: z.string(),
  current: z.string().nullable(),
  incoming: z.string().nullable(),
  currentText: z.string().nullable(),
  incomingText: z.string().nullable(),
  changedBy: z.string().nullable(),
  changedAt: z.string().nullable(),
});
export type Conflict = z.infer<typeof Conflict>;

export const LookAlike = z.object({
  /** Existing or planned guardian records that may be one person; never merged automatically. */
  label: z.string(),
  reason: z.string(),
  rows: z.array(z.object({ file: z.string(), row: z.number().int() })),
  guardianIds: z.array(z.string()),
});
export type LookAlike = z.infer<typeof LookAlike>;

/** One existing record the import would change, with each change as a person reads it. */
export const PlannedUpdate = z.object({
  entity: z.enum(['student', 'guardian']),
  entityId: z.string(),
  label: z.string(),
  changes: z.array(z.object({ field: z.string(), fieldLabel: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
});
export type PlannedUpdate = z.infer<typeof PlannedUpdate>;

export const Plan = Counts.extend({
  rows: z.number().int(),
  rejectedRows: z.number().int(),
  /** Enrolled students absent from this export: marked left only if the person confirms. */
  absent: z.array(z.object({ id: z.string(), label: z.string() })),
  conflicts: z.array(Conflict),
  /** The records counted as updated, with what would change (the first ones; `updatesTotal` in all).
   * Conflicting changes are listed in `conflicts` instead. */
  updates: z.array(PlannedUpdate),
  updatesTotal: z.number().int(),
  lookAlikes: z.array(LookAlike),
  problems: z.array(Problem),
  /** True when the file looks like a full export, so absent students may be marked left. */
  fullExport: z.boolean(),
});
export type Plan = z.infer<typeof Plan>;

export const ImportFile = z.object({
  name: z.string().min(1).max(260),
  /** File bytes, base64: encodings are detected by the core, never by the browser. */
  contentBase64: z.string(),
});

export const PrepareInput = z.object({
  files: z.array(ImportFile).min(1).max(2),
  /** Per file name: column index (as a string) → canonical field or null to ignore. */
  mapping: z.record(z.string(), z.record(z.string(), z.string().nullable())).optional(),
});

export const PrepareOutput = z.object({
  token: z.string(),
  files: z.array(PreparedFile),
  needsMapping: z.boolean(),
  plan: Plan.nullable(),
});
export type PrepareOutput = z.infer<typeof PrepareOutput>;

export const ImportSummary = z.object({
  runId: z.string(),
  rows: z.number().int(),
  students: Counts.shape.students,
  guardians: Counts.shape.guardians,
  rejected: z.array(Problem),
  warnings: z.array(Problem),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const importContract = {
  'import.prepare': read(PrepareInput, PrepareOutput),
  'import.commit': write(
    z.object({
      token: z.string(),
      markAbsentAsLeft: z.boolean().default(false),
      /** Conflict id → which value wins. Unlisted conflicts keep the current (staff) value. */
      conflictChoices: z.record(z.string(), z.enum(['keep', 'incoming'])).default({}),
    }),
    ImportSummary,
  ),
  'import.cancel': read(z.object({ token: z.string() }), z.object({})),
} as const;
