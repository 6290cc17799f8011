import type { HandlerTable } from '../context';
import { getGuardian, getStudent } from './details';
import { listDivisions } from './division-list';
import { listGuardians, listStudents } from './lists';

export const recordsHandlers = {
  'students.list': (input, ctx) => listStudents(input, ctx),
  'students.get': (input, ctx) => getStudent(input.id, ctx),
  'guardians.list': (input, ctx) => listGuardians(input, ctx),
  'guardians.get': (input, ctx) => getGuardian(input.id, ctx),
  'divisions.list': (_input, ctx) => listDivisions(ctx),
} satisfies HandlerTable;
