// `--mapping MAP.json`: a person names, for columns Sésame could not map, the canonical field.
// Accepted shapes (values are canonical fields, or null to ignore a column):
//   { "Nom élève": "student.lastName", "3": "guardian1.phone" }              every file
//   { "fiches.csv": { "Nom élève": "student.lastName" }, "autre.csv": {...} } per file name
// Keys are a header as written in the sheet or a column index from 0; the core matches headers
// with accents, case and punctuation folded, and checks the field names.
import { CliFailure, EXIT } from './errors';

export type ContractMapping = Record<string, Record<string, string | null>>;

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

function checkChoices(entries: Record<string, unknown>, mappingLabel: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [key, field] of Object.entries(entries)) {
    if (field !== null && typeof field !== 'string') {
      throw new CliFailure(
        EXIT.unusableFile,
        `Correspondance ${mappingLabel} : la colonne « ${key} » doit recevoir un nom de champ (texte) ou null.`,
      );
    }
    out[key] = field;
  }
  return out;
}

/** Turns the person's mapping into the contract's shape: file name → column (index or header) → field. */
export function toContractMapping(raw: Record<string, unknown>, fileNames: string[], mappingLabel: string): ContractMapping {
  const values = Object.values(raw);
  const perFile = values.length > 0 && values.every(isPlainObject);
  if (!perFile) {
    const choices = checkChoices(raw, mappingLabel);
    return Object.fromEntries(fileNames.map((name) => [name, choices]));
  }
  const result: ContractMapping = {};
  for (const [name, entries] of Object.entries(raw)) {
    if (!fileNames.includes(name)) {
      throw new CliFailure(EXIT.unusableFile, `Correspondance ${mappingLabel} : aucun fichier importé ne s’appelle « ${name} ».`);
    }
    result[name] = checkChoices(entries as Record<string, unknown>, mappingLabel);
  }
  return result;
}
