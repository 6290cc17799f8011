import type { HandlerTable } from '../context';
import { previewLetters, printLetters } from './batch';
import { letterLog } from './log';
import { getLetterSettings, setLetterSettings } from './settings';

export const lettersHandlers = {
  'letters.preview': (input, ctx) => previewLetters(input, ctx),
  'letters.print': (input, ctx) => printLetters(input, ctx),
  'letters.log': (input, ctx) => ({ entries: letterLog(ctx.db, input.guardianId) }),
  'letters.template.get': (_input, ctx) => getLetterSettings(ctx.db),
  'letters.template.set': (input, ctx) => setLetterSettings(input, ctx),
} satisfies HandlerTable;
