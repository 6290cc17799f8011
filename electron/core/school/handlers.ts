import type { HandlerTable } from '../context';
import { appInfo } from './info';
import { updateSchool } from './update';

export const schoolHandlers = {
  'app.info': (_input, ctx) => appInfo(ctx),
  'school.update': (input, ctx) => updateSchool(input, ctx),
} satisfies HandlerTable;
