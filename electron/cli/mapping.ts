// `--mapping MAP.json`: a person names, for columns Sésame could not map, the canonical field.
// Accepted shapes (values are canonical fields, or null to ignore a column):
//   { "Nom élève": "student.lastName", "3": "guardian1.phone" }              every file
//   { "fiches.csv": { "Nom élève": "student.lastName" }, "autre.csv": {...} } per file name
// Keys are a header as written in the sheet (accents and case ignored) or a column index from 0.
import type { PreparedFile } from '../../shared/contract/import';
import { CliFailure, EXIT } from './errors';

export type ContractMapping = Record<string, Record<string, string | null>>;

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses the mapping file's text; throws a French CliFailure naming what is wrong. */
export function parseMappingText(text: string, fileLabel: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new CliFailure(EXIT.unusableFile, `Correspondance illisible : ${fileLabel} n’est pas du JSON valide.`);
  }
  if (!isPlainObject(parsed)) {
    throw new CliFailure(EXIT.unusableFile, `Correspondance illisible : ${fileLabel} doit contenir un objet { "colonne": "champ" }.`);
  }
  return parsed;
}

/** `missing` collects keys absent from this file instead of failing (a flat mapping over two files). */
function resolveOne(
  entries: Record<string, unknown>,
  file: PreparedFile,
  mappingLabel: string,
  missing?: Set<string>,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [key, field] of Object.entries(entries)) {
    if (field !== null && typeof field !== 'string') {
      throw new CliFailure(
        EXIT.unusableFile,
        `Correspondance ${mappingLabel} : la colonne « ${key} » doit recevoir un nom de champ (texte) ou null.`,
      );
    }
    let column: number;
    if (/^\d+$/.test(key)) {
      column = Number(key);
      if (column >= file.headers.length) {
        if (missing) {
          missing.add(key);
          continue;
        }
        throw new CliFailure(
          EXIT.unusableFile,
          `Correspondance ${mappingLabel} : ${file.name} n’a pas de colonne ${key} (colonnes 0 à ${file.headers.length - 1}).`,
        );
      }
    } else {
      column = file.headers.indexOf(key);
      if (column < 0) column = file.headers.findIndex((h) => fold(h) === fold(key));
      if (column < 0) {
        if (missing) {
          missing.add(key);
          continue;
        }
        throw new CliFailure(EXIT.unusableFile, `Correspondance ${mappingLabel} : colonne « ${key} » introuvable dans ${file.name}.`);
      }
    }
    out[String(column)] = field;
  }
  return out;
}

/** Turns the person's mapping into the contract's shape: file name → column index → field. */
export function resolveMapping(raw: Record<string, unknown>, files: PreparedFile[], mappingLabel: string): ContractMapping {
  const values = Object.values(raw);
  const perFile = values.length > 0 && values.every(isPlainObject);
  const result: ContractMapping = {};
  if (perFile) {
    for (const name of Object.keys(raw)) {
      if (!files.some((f) => f.name === name)) {
        throw new CliFailure(EXIT.unusableFile, `Correspondance ${mappingLabel} : aucun fichier importé ne s’appelle « ${name} ».`);
      }
    }
    for (const file of files) {
      const entries = raw[file.name];
      if (isPlainObject(entries)) result[file.name] = resolveOne(entries, file, mappingLabel);
    }
    return result;
  }
  if (files.length === 1) {
    result[files[0]!.name] = resolveOne(raw, files[0]!, mappingLabel);
    return result;
  }
  // One mapping for two files: a column needs to exist in one of them only.
  const missingPerFile = files.map(() => new Set<string>());
  files.forEach((file, i) => {
    result[file.name] = resolveOne(raw, file, mappingLabel, missingPerFile[i]);
  });
  for (const key of Object.keys(raw)) {
    if (missingPerFile.every((m) => m.has(key))) {
      throw new CliFailure(EXIT.unusableFile, `Correspondance ${mappingLabel} : colonne « ${key} » introuvable dans les fichiers importés.`);
    }
  }
  return result;
}
