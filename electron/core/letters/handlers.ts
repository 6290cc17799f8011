import type { CoreContext, HandlerTable } from '../context';
import { previewLetters, printLetters } from './batch';
import { letterLog } from './log';
import { selectableIds } from './selectable';
import { getLetterSettings, setLetterSettings } from './settings';

const PRINT_QUEUE = 'letters.printQueue';

/** letters.print waits on the network outside the write queue; prints still run one at a time, so
 * two clicks never issue two passwords for the same guardian at once. */
function oneAtATime<T>(ctx: CoreContext, fn: () => Promise<T>): Promise<T> {
  const previous = (ctx.cache.get(PRINT_QUEUE) as Promise<unknown> | undefined) ?? Promise.resolve();
  const run = previous.then(fn);
  ctx.cache.set(PRINT_QUEUE, run.catch(() => undefined));
  return run;
}

export const lettersHandlers = {
  'letters.preview': (input, ctx) => previewLetters(input, ctx),
  'letters.print': (input, ctx) => oneAtATime(ctx, () => printLetters(input, ctx)),
  'letters.selectable': (input, ctx) => selectableIds(input, ctx),
  'letters.log': (input, ctx) => ({ entries: letterLog(ctx.db, input.guardianId) }),
  'letters.template.get': (_input, ctx) => getLetterSettings(ctx.db),
  'letters.template.set': (input, ctx) => setLetterSettings(input, ctx),
} satisfies HandlerTable;
