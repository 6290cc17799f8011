import { randomBytes } from 'node:crypto';
import type { Limit } from './security/rateLimit';
import { MAX_PUSH_BYTES } from '../../shared/service-api/school';

export interface ServiceConfig {
  /** Base URL of links in emails (email validation, password reset). */
  publicUrl: string;
  /** SMS codes are valid this long from the request (FAQ: 30 minutes). */
  smsCodeTtlMs: number;
  /**
   * HMAC key of SMS codes at rest (never in the database). Unset: a random key per process, so a
   * restart voids codes in flight (the parent asks again, as after a wrong code). Several instances
   * of one service, or restarts without that, need it set (SESAME_CODE_KEY).
   */
  codeKey: string | Buffer;
  /** Wrong codes allowed per request before it is dead (FAQ: a wrong code means starting again). */
  codeAttempts: number;
  activationSessionTtlMs: number;
  sessionTtlMs: number;
  emailValidationTtlMs: number;
  resetLinkTtlMs: number;
  letterValidityMonths: number;
  /** Failed logins before the account is locked for lockMs. */
  maxLoginFailures: number;
  lockMs: number;
  /** Birth dates not recognised before the activation must start again. */
  birthDateAttempts: number;
  /** scrypt N for passwords and temporary passwords. */
  passwordHashCost: number;
  rateLimits: {
    /** Every parent request from one source address. */
    perIp: Limit;
    /** Attempts on one login (letter activation, login, reset). */
    perAccount: Limit;
    /** Messages sent to one phone number or email address. */
    perTarget: Limit;
  };
  schoolBodyLimitBytes: number;
  parentBodyLimitBytes: number;
  /** Fastify's logger (requests only: method, url, status; never bodies or headers). */
  logger: boolean;
  /**
   * Enables /admin/v1 (school registration, départements, recorded messages) for this bearer
   * token. The CLI sets a random one per run so that its commands reach a running server.
   */
  adminToken: string | null;
  /**
   * Behind a reverse proxy, take the client address from X-Forwarded-For (per-source rate limits
   * would otherwise count every parent as the proxy). Off by default.
   */
  trustProxy: boolean;
}

const MINUTE = 60_000;

// Rate limits are generous by default so that tests and the bench are not throttled; a
// production deployment lowers them (see service/README.md).
export const defaultConfig: ServiceConfig = {
  publicUrl: 'http://127.0.0.1:8080',
  smsCodeTtlMs: 30 * MINUTE,
  codeKey: '',
  codeAttempts: 1,
  activationSessionTtlMs: 30 * MINUTE,
  sessionTtlMs: 120 * MINUTE,
  emailValidationTtlMs: 7 * 24 * 60 * MINUTE,
  resetLinkTtlMs: 60 * MINUTE,
  letterValidityMonths: 3,
  maxLoginFailures: 5,
  lockMs: 15 * MINUTE,
  birthDateAttempts: 3,
  passwordHashCost: 16384,
  rateLimits: {
    perIp: { max: 100_000, windowMs: MINUTE },
    perAccount: { max: 1_000, windowMs: MINUTE },
    perTarget: { max: 1_000, windowMs: 60 * MINUTE },
  },
  schoolBodyLimitBytes: MAX_PUSH_BYTES,
  parentBodyLimitBytes: 16 * 1024,
  logger: false,
  adminToken: null,
  trustProxy: false,
};

export type ConfigInput = Partial<Omit<ServiceConfig, 'rateLimits'>> & { rateLimits?: Partial<ServiceConfig['rateLimits']> };

export function resolveConfig(input: ConfigInput = {}): ServiceConfig {
  const config = { ...defaultConfig, ...input, rateLimits: { ...defaultConfig.rateLimits, ...input.rateLimits } };
  if (!/^https?:\/\//.test(config.publicUrl)) throw new Error(`publicUrl invalide : ${config.publicUrl}`);
  config.publicUrl = config.publicUrl.replace(/\/+$/, '');
  if (!config.codeKey || config.codeKey.length === 0) config.codeKey = randomBytes(32);
  else if (config.codeKey.length < 16) throw new Error('codeKey : 16 octets au moins.');
  const cost = config.passwordHashCost;
  if (!Number.isInteger(Math.log2(cost)) || cost < 2) throw new Error('passwordHashCost doit être une puissance de 2.');
  return config;
}
