/**
 * The fonts letters are printed with: DejaVu Sans (every Latin script: ł ş ễ ø…) and DejaVu Sans
 * Mono Bold for credentials (0/O and 1/l/I look different). Read once per process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface LetterFonts {
  regular: Buffer;
  bold: Buffer;
  mono: Buffer;
}

export const LETTER_FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', mono: 'DejaVuSansMono-Bold.ttf' } as const;

/** Where the fonts are looked for, in order. */
export function fontDirCandidates(): string[] {
  const dirs: string[] = [];
  // A packaged app (or a test) points here; it wins so that packaging controls what ships.
  if (process.env.SESAME_FONTS_DIR) dirs.push(process.env.SESAME_FONTS_DIR);
  try {
    const require = createRequire(import.meta.url);
    dirs.push(path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf'));
  } catch {
    // Not installed next to us (packaged app): the other places are tried.
  }
  dirs.push(path.resolve(process.cwd(), 'resources', 'fonts'));
  return dirs;
}

let cached: LetterFonts | null = null;

export function loadLetterFonts(): LetterFonts {
  if (cached) return cached;
  const tried = fontDirCandidates();
  for (const dir of tried) {
    if (!Object.values(LETTER_FONT_FILES).every((f) => existsSync(path.join(dir, f)))) continue;
    cached = {
      regular: readFileSync(path.join(dir, LETTER_FONT_FILES.regular)),
      bold: readFileSync(path.join(dir, LETTER_FONT_FILES.bold)),
      mono: readFileSync(path.join(dir, LETTER_FONT_FILES.mono)),
    };
    return cached;
  }
  throw new Error(
    `Polices DejaVu introuvables (${Object.values(LETTER_FONT_FILES).join(', ')}) : dossiers essayés ${tried.join(' ; ')}. ` +
      'Installez le paquet dejavu-fonts-ttf ou indiquez le dossier dans SESAME_FONTS_DIR.',
  );
}
