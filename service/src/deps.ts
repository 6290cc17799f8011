import type { Clock } from '../../shared/clock';
import type { ServiceConfig } from './config';
import type { Db } from './db/types';
import type { Notifier } from './notifier/types';
import type { RateLimiter } from './security/rateLimit';

/** What every route and flow works with; built once by buildService. */
export interface Deps {
  db: Db;
  clock: Clock;
  notifier: Notifier;
  config: ServiceConfig;
  limiter: RateLimiter;
  newId: () => string;
  /** Per-process caches of hot reads (school token lookups, letter-expiry sweeps). */
  caches: {
    schools: Map<string, { school: { id: string; uai: string; name: string; departement: string }; until: number }>;
    lastExpirySweep: Map<string, number>;
  };
}

export const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();
export const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
export const addMs = (d: Date, ms: number): Date => new Date(d.getTime() + ms);
export function addMonths(d: Date, months: number): Date {
  const r = new Date(d);
  const day = r.getUTCDate();
  r.setUTCMonth(r.getUTCMonth() + months);
  // 30 November + 3 months must not become 2 March.
  if (r.getUTCDate() !== day) r.setUTCDate(0);
  return r;
}
