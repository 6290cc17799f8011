import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LETTER_FONT_FILES, fontDirCandidates, loadLetterFonts } from './fonts';

const resources = path.resolve(import.meta.dirname, '../../../../resources/fonts');
const saved = process.env.SESAME_FONTS_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.SESAME_FONTS_DIR;
  else process.env.SESAME_FONTS_DIR = saved;
});

describe('letter fonts', () => {
  it('ships the fonts and their licence in resources/fonts for packaging', () => {
    for (const file of [...Object.values(LETTER_FONT_FILES), 'LICENSE-DejaVu.txt']) {
      expect(existsSync(path.join(resources, file))).toBe(true);
    }
  });

  it('looks first where SESAME_FONTS_DIR says, then in the npm package', () => {
    process.env.SESAME_FONTS_DIR = resources;
    const dirs = fontDirCandidates();
    expect(dirs[0]).toBe(resources);
    expect(dirs[1]).toMatch(/dejavu-fonts-ttf[\\/]ttf$/);
  });

  it('loads TrueType files', () => {
    const fonts = loadLetterFonts();
    for (const buf of [fonts.regular, fonts.bold, fonts.mono]) expect(buf.subarray(0, 4).toString('hex')).toBe('00010000');
  });
});
