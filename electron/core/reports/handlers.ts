import type { HandlerTable } from '../context';
import { listReports, recordReport, resolveReport } from './reports';

export const reportsHandlers = {
  'reports.list': (input, ctx) => listReports(input, ctx),
  'reports.record': (input, ctx) => recordReport(input, ctx),
  'reports.resolve': (input, ctx) => resolveReport(input, ctx),
} satisfies HandlerTable;
