import type { HandlerTable } from '../context';
import { listHistory, revertChange } from './history';

export const historyHandlers = {
  'history.list': (input, ctx) => listHistory(input, ctx),
  'history.revert': (input, ctx) => revertChange(input, ctx),
} satisfies HandlerTable;
