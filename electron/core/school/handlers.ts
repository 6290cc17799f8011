import type { HandlerTable } from '../context';
import { scheduleSearchWarmUp } from '../records/cache';
import { appInfo } from './info';
import { updateSchool } from './update';

export const schoolHandlers = {
  'app.info': (_input, ctx) => {
    // The app asks app.info at start-up: a good moment to prepare search.
    scheduleSearchWarmUp(ctx);
    return appInfo(ctx);
  },
  'school.update': (input, ctx) => updateSchool(input, ctx),
} satisfies HandlerTable;
