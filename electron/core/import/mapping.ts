// Column → canonical field: guessed from the headers' synonyms, remembered per header set once a
// person chose, overridden by what the UI or the CLI's --mapping file gives.
import { createHash } from 'node:crypto';
import type { ColumnMapping } from '../../../shared/contract/import';
import { foldHeader, guessField, isCanonicalField } from '../../../shared/import/fields';
import type { Register, Tx } from '../db/types';
import { AppFailure } from '../errors';

export interface FileMapping {
  columns: ColumnMapping[];
  /** Relation implied by headers such as « Mère – portable », per guardian group. */
  impliedRelations: Record<string, string>;
  /** True when the mapping came from the register's memory of a person's choice. */
  remembered: boolean;
}

const PHONE_FALLBACK: Record<string, string> = { phone: 'phoneHome', phoneHome: 'phoneWork' };

/** Guesses every column; a field claimed twice keeps its first column (phones fall back). */
export function guessMapping(headers: string[]): FileMapping {
  const guesses = headers.map((h) => guessField(h));
  const hasChildren = guesses.some((g) => g?.field.startsWith('child'));
  const used = new Set<string>();
  const impliedRelations: Record<string, string> = {};
  const columns: ColumnMapping[] = headers.map((header, column) => {
    const g = guesses[column];
    let field = g?.field ?? null;
    // ONDE guardians file: "Nom", "Prénom" are the guardian's; children come in numbered groups.
    if (field && hasChildren && field.startsWith('student.')) {
      field = field === 'student.lastName' || field === 'student.firstName' ? field.replace('student.', 'guardian.') : null;
    }
    while (field && used.has(field)) {
      const [group, sub = ''] = field.split('.');
      const next = PHONE_FALLBACK[sub];
      field = next ? `${group}.${next}` : null;
    }
    if (field) {
      used.add(field);
      if (g?.impliedRelation) impliedRelations[field.split('.')[0] as string] = g.impliedRelation;
    }
    return { column, header, field, auto: field !== null };
  });
  return { columns, impliedRelations, remembered: false };
}

/** Key of a header set for the mapping memory: SHA-256 of the folded header list. */
export function headerSetKey(headers: string[]): string {
  return createHash('sha256').update(headers.map(foldHeader).join('\u0001')).digest('hex');
}

/** The mapping a person chose earlier for exactly these headers, if any. */
export function rememberedMapping(db: Pick<Register, 'get'>, headers: string[]): FileMapping | null {
  const row = db.get<{ mapping: string }>('SELECT mapping FROM mapping_memory WHERE header_key = ?', [headerSetKey(headers)]);
  if (!row) return null;
  let stored: Record<string, string | null>;
  try {
    stored = JSON.parse(row.mapping) as Record<string, string | null>;
  } catch {
    return null;
  }
  const guessed = guessMapping(headers);
  const columns = guessed.columns.map((c) => {
    const f = stored[String(c.column)];
    if (f === undefined) return c;
    return { ...c, field: f !== null && isCanonicalField(f) ? f : null, auto: false };
  });
  return { columns, impliedRelations: guessed.impliedRelations, remembered: true };
}

export function rememberMapping(tx: Tx, headers: string[], columns: ColumnMapping[], at: string): void {
  const mapping: Record<string, string | null> = {};
  for (const c of columns) mapping[String(c.column)] = c.field;
  tx.run(
    'INSERT INTO mapping_memory (header_key, mapping, updated_at) VALUES (?, ?, ?) ' +
      'ON CONFLICT (header_key) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at',
    [headerSetKey(headers), JSON.stringify(mapping), at],
  );
}

/**
 * Applies a person's choices on top of a mapping. Keys are column indexes ("3") or header texts
 * (compared folded, as in a CLI mapping file); values a canonical field or null to ignore.
 */
export function applyChoices(base: FileMapping, choices: Record<string, string | null>, file: string): FileMapping {
  const byHeader = new Map<string, number>();
  base.columns.forEach((c) => {
    const k = foldHeader(c.header);
    if (!byHeader.has(k)) byHeader.set(k, c.column);
  });
  const columns = base.columns.map((c) => ({ ...c }));
  const chosen = new Set<string>();
  for (const [k, field] of Object.entries(choices)) {
    const byIndex = /^\d+$/.test(k);
    const column = byIndex ? Number(k) : byHeader.get(foldHeader(k));
    // A header text absent from this file may name a column of the other file of an ONDE pair.
    if (!byIndex && column === undefined) continue;
    const target = column === undefined ? undefined : columns[column];
    if (!target) {
      throw new AppFailure('invalid_input', `Correspondance des colonnes pour « ${file} » : la colonne « ${k} » n’existe pas dans le fichier.`);
    }
    if (field !== null && !isCanonicalField(field)) {
      throw new AppFailure('invalid_input', `Correspondance des colonnes pour « ${file} » : « ${field} » n’est pas un champ connu.`);
    }
    target.field = field;
    target.auto = false;
    if (field) chosen.add(field);
  }
  // A field the person assigned elsewhere leaves the column it was guessed for.
  for (const c of columns) if (c.auto && c.field && chosen.has(c.field)) c.field = null;
  const seen = new Set<string>();
  for (const c of columns) {
    if (!c.field) continue;
    if (seen.has(c.field)) {
      throw new AppFailure('invalid_input', `Correspondance des colonnes pour « ${file} » : le champ « ${c.field} » est attribué à deux colonnes.`);
    }
    seen.add(c.field);
  }
  return { columns, impliedRelations: base.impliedRelations, remembered: false };
}

/**
 * Reads a CLI mapping file `{ "<header text or column index>": "<canonical field>" | null }` and
 * returns it in the contract's shape (same choices for every file given).
 */
export function mappingFromFile(json: unknown, fileNames: string[]): Record<string, Record<string, string | null>> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new AppFailure('invalid_input', 'Fichier de correspondance invalide : attendu un objet JSON { "en-tête ou n° de colonne": "champ" }.');
  }
  const choices: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
    if (v !== null && typeof v !== 'string') {
      throw new AppFailure('invalid_input', `Fichier de correspondance : la valeur de « ${k} » doit être un nom de champ ou null.`);
    }
    if (typeof v === 'string' && !isCanonicalField(v)) {
      throw new AppFailure('invalid_input', `Fichier de correspondance : « ${v} » n’est pas un champ connu.`);
    }
    choices[k] = v;
  }
  return Object.fromEntries(fileNames.map((f) => [f, choices]));
}

/** Column index of each mapped field. */
export function fieldIndex(columns: ColumnMapping[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of columns) if (c.field) m.set(c.field, c.column);
  return m;
}
