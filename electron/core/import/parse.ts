// Text → header + records, each record with the spreadsheet row a person sees (header = row 1).
// Records stay as arrays (no header-keyed objects): an import reads 100,000 rows.
import Papa from 'papaparse';

export const DELIMITERS = [';', ',', '\t', '|'];

export interface ParsedSheet {
  delimiter: string;
  headers: string[];
  /** Spreadsheet row of the header (1 unless title lines come first). */
  headerRow: number;
  /** Data records, blank ones left out. */
  rows: string[][];
  /** Spreadsheet row number of each record of `rows`. */
  rowNumbers: Int32Array;
  /** Structural problems papaparse reported (e.g. an unterminated quote), by spreadsheet row. */
  errors: Array<{ row: number; message: string }>;
}

function isBlank(record: string[]): boolean {
  for (let i = 0; i < record.length; i++) {
    const v = record[i] as string;
    if (v !== '' && v.trim() !== '') return false;
  }
  return true;
}

function nonEmptyCells(record: string[]): number {
  let n = 0;
  for (const v of record) if (v.trim() !== '') n++;
  return n;
}

/** Guesses the delimiter on the first records (papaparse's own guess, blank lines ignored). */
export function guessDelimiter(text: string): string {
  const preview = Papa.parse<string[]>(text.slice(0, 64 * 1024), {
    delimitersToGuess: DELIMITERS,
    skipEmptyLines: 'greedy',
    preview: 30,
  });
  const d = preview.meta.delimiter;
  if (DELIMITERS.includes(d) && !preview.errors.some((e) => e.code === 'UndetectableDelimiter')) return d;
  // One column, or papaparse could not decide: the candidate present on the first line wins.
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  let best = ';';
  let bestCount = 0;
  for (const c of DELIMITERS) {
    const n = firstLine.split(c).length - 1;
    if (n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best;
}

/** Parses a decoded sheet. The header is the first record with at least two non-empty cells. */
export function parseSheet(text: string): ParsedSheet {
  const delimiter = guessDelimiter(text);
  const result = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const records = result.data;
  let h = 0;
  while (h < records.length && nonEmptyCells(records[h] as string[]) < 2) h++;
  if (h >= records.length) {
    // A single column or nothing: keep the first non-blank record as header so that the caller
    // can say what is missing.
    h = records.findIndex((r) => !isBlank(r));
    if (h < 0) return { delimiter, headers: [], headerRow: 1, rows: [], rowNumbers: new Int32Array(0), errors: [] };
  }
  const rawHeaders = (records[h] as string[]).map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim());
  let width = rawHeaders.length;
  while (width > 0 && rawHeaders[width - 1] === '') width--; // trailing empty columns
  const headers = rawHeaders.slice(0, width);

  const rows: string[][] = [];
  const numbers = new Int32Array(Math.max(0, records.length - h - 1));
  let n = 0;
  for (let i = h + 1; i < records.length; i++) {
    const rec = records[i] as string[];
    if (isBlank(rec)) continue;
    rows.push(rec);
    numbers[n++] = i + 1;
  }
  const errors = result.errors
    .filter((e) => e.type === 'Quotes' && typeof e.row === 'number')
    .map((e) => ({
      row: (e.row as number) + 1,
      message:
        'Guillemet ouvert jamais fermé : la fin du fichier a pu être lue comme une seule case. Vérifiez cette ligne dans le tableur.',
    }));
  return { delimiter, headers, headerRow: h + 1, rows, rowNumbers: numbers.subarray(0, n), errors };
}
