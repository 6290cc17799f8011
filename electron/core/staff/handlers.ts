import type { HandlerTable } from '../context';
import { addStaff, getSession, listStaff, renameStaff, setActor, setStaffActive } from './staff';

export const staffHandlers = {
  'staff.list': (input, ctx) => listStaff(input, ctx),
  'staff.add': (input, ctx) => addStaff(input, ctx),
  'staff.rename': (input, ctx) => renameStaff(input, ctx),
  'staff.setActive': (input, ctx) => setStaffActive(input, ctx),
  'session.setActor': (input, ctx) => setActor(input, ctx),
  'session.get': (_input, ctx) => getSession(ctx),
} satisfies HandlerTable;
export { sessionActor } from './staff';
