import type { HandlerTable } from '../context';
import { applySuggestions } from './apply';
import { anomalySummary, dismissAnomaly, listAnomalies, listDismissed, restoreAnomaly } from './desk';

export const anomaliesHandlers = {
  'anomalies.summary': (_input, ctx) => anomalySummary(ctx),
  'anomalies.list': (input, ctx) => listAnomalies(input, ctx),
  'anomalies.applySuggestion': (input, ctx) => applySuggestions(input, ctx),
  'anomalies.dismissed': (input, ctx) => listDismissed(input, ctx),
  'anomalies.dismiss': (input, ctx) => dismissAnomaly(input, ctx),
  'anomalies.restore': (input, ctx) => restoreAnomaly(input, ctx),
} satisfies HandlerTable;
