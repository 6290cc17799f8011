import type { HandlerTable } from '../context';
import { listConflicts, resolveConflict } from './conflicts';
import { runSync, syncStatus } from './engine';
import { getSettings, setSettings } from './settings';
import { accountOf } from './accounts';

export const syncHandlers = {
  'sync.settings.get': (_input, ctx) => getSettings(ctx),
  'sync.settings.set': (input, ctx) => setSettings(ctx, input),
  'sync.status': (_input, ctx) => syncStatus(ctx),
  'sync.run': (_input, ctx) => runSync(ctx, {}, true),
  'sync.conflicts.list': (_input, ctx) => listConflicts(ctx),
  'sync.account': (input, ctx) => accountOf(ctx, input.guardianId),
  'sync.conflicts.resolve': (input, ctx) => resolveConflict(ctx, input),
} satisfies HandlerTable;
