// import.prepare / import.commit / import.cancel, plus the same steps for the CLI and the bench,
// which hold file bytes rather than base64.
import type { ColumnMapping, PreparedFile, PrepareOutput, ImportSummary } from '../../../shared/contract/import';
import type { CoreContext, HandlerTable } from '../context';
import type { Register } from '../db/types';
import { AppFailure } from '../errors';
import { reserveForNextWrite } from '../db/connection';
import { estimateGrowthBytes, writePlan, type CommitChoices, type CommitFile } from './commit';
import { decodeSheet, sha256Hex } from './decode';
import { describeMissing, detectLayout, missingRequired, type Layout } from './layouts';
import { applyChoices, fieldIndex, guessMapping, rememberedMapping, type FileMapping } from './mapping';
import { matchBatch } from './match';
import { createNormalisers } from './memo';
import { normaliseBatch, type FileInput } from './normalise';
import { parseSheet } from './parse';
import { buildPlan, type ImportPlanDetail } from './plan';
import { loadRegisterState } from './register-state';

export interface ImportFileBytes {
  name: string;
  bytes: Uint8Array;
}

/** Per file name: column index (or header text) → canonical field, or null to ignore. */
export type MappingChoices = Record<string, Record<string, string | null>>;

interface PreparedImport {
  token: string;
  db: Register;
  fingerprint: string;
  detail: ImportPlanDetail;
  files: CommitFile[];
}

const CACHE_KEY = 'import.prepared';

/** Changes whenever the register does (O(1)/O(log n) parts; survives a reservation's reopening). */
export function registerFingerprint(db: Pick<Register, 'get'>): string {
  const row = db.get<Record<string, number | null>>(
    `SELECT changes_since_open() AS c, (SELECT max(rowid) FROM audit) AS a, (SELECT max(rowid) FROM student) AS s,
            (SELECT max(rowid) FROM guardian) AS g, (SELECT max(rowid) FROM guardianship) AS l`,
  );
  return row ? `${row.c}:${row.a}:${row.s}:${row.g}:${row.l}` : '';
}

const unusable = (file: string, why: string) =>
  new AppFailure('unusable_file', `Le fichier « ${file} » ne peut pas être importé : ${why}`, { file });

export async function prepareImport(ctx: CoreContext, files: ImportFileBytes[], mapping?: MappingChoices): Promise<PrepareOutput> {
  // One prepared plan at a time: a new preparation frees the previous one first.
  ctx.cache.delete(CACHE_KEY);
  const token = ctx.ids();
  const emit = (phase: 'decode' | 'parse' | 'normalise' | 'match', done: number, total: number) =>
    ctx.emit({ type: 'import.progress', token, phase, done, total });

  if (files.length === 0 || files.length > 2) {
    throw new AppFailure('invalid_input', 'Choisissez un fichier, ou les deux fichiers d’un export ONDE (élèves puis responsables).');
  }
  if (files.length === 2 && files[0]!.name === files[1]!.name) {
    throw new AppFailure('invalid_input', 'Les deux fichiers portent le même nom : renommez l’un des deux.');
  }

  interface Loaded {
    name: string;
    sha256: string;
    encoding: string;
    delimiter: string;
    headers: string[];
    rows: string[][];
    rowNumbers: Int32Array;
    mapping: FileMapping;
    layout: Layout;
    chosen: boolean;
    parseErrors: Array<{ row: number; message: string }>;
  }
  const loaded: Loaded[] = [];
  files.forEach((f, i) => {
    emit('decode', i, files.length);
    const decoded = decodeSheet(f.bytes, f.name);
    emit('parse', i, files.length);
    const sheet = parseSheet(decoded.text);
    if (sheet.headers.length === 0) throw unusable(f.name, 'aucune ligne d’en-têtes n’a été trouvée.');
    if (sheet.rows.length === 0) throw unusable(f.name, 'il ne contient aucune ligne de données sous les en-têtes.');
    const choices = mapping?.[f.name];
    let m = rememberedMapping(ctx.db, sheet.headers) ?? guessMapping(sheet.headers);
    if (choices) m = applyChoices(m, choices, f.name);
    const fields = new Set(m.columns.map((c) => c.field).filter((x): x is string => x !== null));
    loaded.push({
      name: f.name,
      sha256: sha256Hex(f.bytes),
      encoding: decoded.encoding,
      delimiter: sheet.delimiter,
      headers: sheet.headers,
      rows: sheet.rows,
      rowNumbers: sheet.rowNumbers,
      mapping: m,
      layout: detectLayout(fields),
      chosen: choices !== undefined,
      parseErrors: sheet.errors,
    });
  });
  emit('parse', files.length, files.length);

  if (loaded.length === 2) {
    const guardians = loaded.filter((l) => l.layout === 'onde-guardians');
    if (guardians.length !== 1) {
      throw new AppFailure(
        'unusable_file',
        'Deux fichiers ne s’importent ensemble que pour un export ONDE : la liste des élèves et la liste des responsables (avec les colonnes « Nom enfant 1 », « Prénom enfant 1 »…).',
      );
    }
    for (const l of loaded) if (l.layout === 'student-row' && !l.mapping.columns.some((c) => c.field?.startsWith('guardian'))) l.layout = 'onde-students';
  }

  let needsMapping = false;
  const prepared: PreparedFile[] = loaded.map((l) => {
    const fields = new Set(l.mapping.columns.map((c) => c.field).filter((x): x is string => x !== null));
    const missing = missingRequired(l.layout, fields);
    if (missing.length) {
      if (l.chosen) throw unusable(l.name, `${describeMissing(missing)}.`);
      needsMapping = true;
    }
    return {
      name: l.name,
      encoding: l.encoding,
      delimiter: l.delimiter,
      layout: l.layout,
      headers: l.headers,
      dataRows: l.rows.length,
      columns: l.mapping.columns,
      missingRequired: missing,
    };
  });
  if (needsMapping) return { token, files: prepared, needsMapping: true, plan: null };

  const today = ctx.clock.now();
  const normalisers = createNormalisers(today);
  const fingerprint = registerFingerprint(ctx.db);
  const reg = loadRegisterState(ctx.db);
  const inputs: FileInput[] = loaded.map((l) => ({
    name: l.name,
    layout: l.layout,
    rows: l.rows,
    rowNumbers: l.rowNumbers,
    index: fieldIndex(l.mapping.columns),
    impliedRelations: l.mapping.impliedRelations,
  }));
  const batch = normaliseBatch(
    inputs,
    normalisers,
    () => reg.students.filter((s) => s.status === 'enrolled'),
    (d, t) => emit('normalise', d, t),
  );
  // The parsed cells are not needed any more: let them go before matching allocates its own.
  for (const l of loaded) l.rows = [];
  for (const i of inputs) i.rows = [];
  for (const l of loaded) {
    for (const e of l.parseErrors) {
      batch.problems.push({ file: l.name, row: e.row, field: 'row', code: 'unterminated_quote', severity: 'warning', message: e.message, raw: null });
    }
  }
  const match = matchBatch(batch.students, batch.occurrences, reg, ctx.ids, (d, t) => emit('match', d, t));
  const hasStudentList = loaded.some((l) => l.layout !== 'onde-guardians');
  const detail = buildPlan(match, reg, batch.problems, batch.rows, batch.rejectedRows, hasStudentList);

  const commitFiles: CommitFile[] = loaded.map((l) => ({
    name: l.name,
    sha256: l.sha256,
    layout: l.layout,
    headers: l.headers,
    columns: l.mapping.columns as ColumnMapping[],
    remember: l.chosen,
  }));
  const entry: PreparedImport = { token, db: ctx.db, fingerprint, detail, files: commitFiles };
  ctx.cache.set(CACHE_KEY, entry);
  return { token, files: prepared, needsMapping: false, plan: detail.plan };
}

export async function commitImport(ctx: CoreContext, token: string, choices: CommitChoices): Promise<ImportSummary> {
  const entry = ctx.cache.get(CACHE_KEY) as PreparedImport | undefined;
  if (!entry || entry.token !== token || entry.db !== ctx.db) {
    throw new AppFailure('stale', 'Cette préparation d’import n’est plus disponible (annulée ou remplacée par une autre) : relancez l’import du fichier.');
  }
  reserveForNextWrite(estimateGrowthBytes(entry.detail));
  const summary = await ctx.db.write(
    (tx) => {
      // Checked inside the transaction: no other write can slip in between.
      if (registerFingerprint(tx) !== entry.fingerprint) {
        ctx.cache.delete(CACHE_KEY);
        throw new AppFailure('stale', 'Le registre a été modifié depuis la préparation de cet import : relancez l’import pour voir un plan à jour. Rien n’a été enregistré.');
      }
      const s = writePlan(tx, ctx, entry.detail, entry.files, choices, token);
      ctx.emit({ type: 'import.progress', token, phase: 'persist', done: 0, total: 1 });
      return s;
    },
    { durability: 'snapshot' },
  );
  ctx.cache.delete(CACHE_KEY);
  ctx.emit({ type: 'import.progress', token, phase: 'persist', done: 1, total: 1 });
  ctx.emit({ type: 'register.changed', entities: ['student', 'guardian', 'import'] });
  return summary;
}

export function cancelImport(ctx: CoreContext, token: string): void {
  const entry = ctx.cache.get(CACHE_KEY) as PreparedImport | undefined;
  if (entry?.token === token) ctx.cache.delete(CACHE_KEY);
}

function fromBase64(content: string): Uint8Array {
  const bytes = Buffer.from(content, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export const importHandlers = {
  'import.prepare': (input, ctx) =>
    prepareImport(
      ctx,
      input.files.map((f) => ({ name: f.name, bytes: fromBase64(f.contentBase64) })),
      input.mapping,
    ),
  'import.commit': (input, ctx) =>
    commitImport(ctx, input.token, { markAbsentAsLeft: input.markAbsentAsLeft, conflictChoices: input.conflictChoices }),
  'import.cancel': (input, ctx) => {
    cancelImport(ctx, input.token);
    return {};
  },
} satisfies HandlerTable;
