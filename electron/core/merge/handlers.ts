import type { HandlerTable } from '../context';
import { listMerges, mergeGuardians, mergePreview, splitGuardians } from './merge';

export const mergeHandlers = {
  'guardians.mergePreview': (input, ctx) => mergePreview(input, ctx),
  'guardians.merge': (input, ctx) => mergeGuardians(input, ctx),
  'guardians.merges': (input, ctx) => listMerges(input, ctx),
  'guardians.split': (input, ctx) => splitGuardians(input, ctx),
} satisfies HandlerTable;
