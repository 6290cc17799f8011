// The account service's school API for letters (accounts, credentials). Address and token come
// from the sync settings (`connection`); the token never reaches the register, a log or an error.
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { CoreContext } from '../context';
import { connection } from '../sync/settings';

export interface ServiceConfig {
  url: string;
  token: string;
}

/** The service address and token (kept by the sync settings), or null when either is missing. */
export async function loadServiceConfig(ctx: CoreContext): Promise<ServiceConfig | null> {
  const c = await connection(ctx);
  return c ? { url: c.url.replace(/\/+$/, ''), token: c.token } : null;
}

export type ServiceFailureKind = 'network' | 'timeout' | 'server' | 'auth' | 'refused' | 'protocol';

/** A failure talking to the service; the message is French and quotes no token, body or password. */
export class ServiceError extends Error {
  readonly kind: ServiceFailureKind;
  readonly status: number | null;
  constructor(kind: ServiceFailureKind, message: string, status: number | null = null) {
    super(message);
    this.name = 'ServiceError';
    this.kind = kind;
    this.status = status;
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export interface SchoolApi {
  get(path: string, params?: Record<string, string>): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
  close(): void;
}

function failureOf(res: AxiosResponse): ServiceError {
  const s = res.status;
  if (s === 401 || s === 403) return new ServiceError('auth', 'Le service de comptes a refusé le jeton de l’établissement : vérifiez-le dans Synchronisation.', s);
  if (s === 429) return new ServiceError('server', 'Le service de comptes est surchargé : réessayez dans quelques minutes.', s);
  if (s >= 500) return new ServiceError('server', `Le service de comptes a répondu par une erreur (${s}) : réessayez plus tard.`, s);
  const m = (res.data as { error?: { message?: unknown } } | null)?.error?.message;
  const detail = typeof m === 'string' && m.length < 300 ? ` : ${m}` : '.';
  return new ServiceError('refused', `Le service de comptes a refusé la demande (${s})${detail}`, s);
}

/** An axios client of `/school/v1` with the school token; every failure is a ServiceError. */
export function schoolApi(config: ServiceConfig, timeoutMs = 30_000): SchoolApi {
  const loopback = LOOPBACK.has(new URL(config.url).hostname);
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 2 });
  const api: AxiosInstance = axios.create({
    baseURL: `${config.url}/school/v1`,
    timeout: timeoutMs,
    headers: { authorization: `Bearer ${config.token}`, accept: 'application/json' },
    validateStatus: () => true,
    maxRedirects: 0,
    ...(loopback ? { proxy: false as const } : {}),
    httpAgent,
    httpsAgent,
  });
  async function send(fn: () => Promise<AxiosResponse>): Promise<unknown> {
    let res: AxiosResponse;
    try {
      res = await fn();
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
        throw new ServiceError('timeout', 'Le service de comptes ne répond pas assez vite : réessayez plus tard.');
      }
      throw new ServiceError('network', 'Service de comptes injoignable (hors ligne ?) : vérifiez la connexion et réessayez.');
    }
    if (res.status < 200 || res.status >= 300) throw failureOf(res);
    return res.data;
  }
  return {
    get: (path, params) => send(() => api.get(path, params ? { params } : {})),
    post: (path, body) => send(() => api.post(path, body)),
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
