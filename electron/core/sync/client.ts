// The account service's school API over HTTP (axios lives in the core, never in the renderer).
// Every failure becomes a SyncHttpError with a French message that never quotes the token, the
// request or the answer's body.
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import {
  FeedResponse,
  PushResponse,
  ResolveResponse,
  SCHOOL_API_PREFIX,
  type Change,
  type ChangeResult,
  type ResolveRequest,
} from '../../../shared/service-api/school';

export type FailureKind = 'network' | 'timeout' | 'server' | 'auth' | 'refused' | 'protocol';

export class SyncHttpError extends Error {
  readonly kind: FailureKind;
  readonly status: number | null;
  constructor(kind: FailureKind, message: string, status: number | null = null) {
    super(message);
    this.name = 'SyncHttpError';
    this.kind = kind;
    this.status = status;
  }
  /** Worth trying again later: the service was unreachable, slow or failing. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'server';
  }
}

export interface ClientOptions {
  baseUrl: string;
  token: string;
  /** Per request; a push of 1,000 changes on a slow service needs time. */
  timeoutMs?: number;
}

export interface ServiceClient {
  push(changes: Change[]): Promise<ChangeResult[]>;
  feed(after: string | null, limit: number): Promise<FeedResponse>;
  /** 'done', or the service's French reason it refused (unknown report, resolved another way). */
  resolveReport(remoteId: string, body: ResolveRequest): Promise<{ ok: true } | { ok: false; reason: string }>;
  close(): void;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Checks a service address: https, or http on this computer only (the token must not travel in clear). */
export function checkServiceUrl(raw: string): { ok: true; url: string } | { ok: false; message: string } {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return { ok: false, message: 'Adresse du service invalide : indiquez une adresse complète, par exemple https://comptes.exemple.fr.' };
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.has(u.hostname))) {
    return { ok: false, message: 'Adresse du service : elle doit commencer par https:// (http:// seulement pour un service sur cet ordinateur).' };
  }
  if (u.username || u.password) return { ok: false, message: 'Adresse du service : pas d’identifiant dans l’adresse, le jeton suffit.' };
  u.hash = '';
  u.search = '';
  return { ok: true, url: u.toString().replace(/\/+$/, '') };
}

function apiMessage(res: AxiosResponse): string | null {
  const m = (res.data as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof m === 'string' && m.length < 500 ? m : null;
}

function failureOf(res: AxiosResponse): SyncHttpError {
  const s = res.status;
  if (s === 401 || s === 403) return new SyncHttpError('auth', 'Le service a refusé le jeton de l’établissement : vérifiez-le dans Synchronisation.', s);
  if (s === 429) return new SyncHttpError('server', 'Le service est surchargé (trop de demandes) : nouvel essai plus tard.', s);
  if (s >= 500) return new SyncHttpError('server', `Le service de comptes a répondu par une erreur (${s}) : nouvel essai plus tard.`, s);
  const detail = apiMessage(res);
  return new SyncHttpError('refused', `Le service a refusé la demande (${s})${detail ? ` : ${detail}` : '.'}`, s);
}

function transportFailure(err: unknown): SyncHttpError {
  if (err instanceof SyncHttpError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return new SyncHttpError('timeout', 'Le service de comptes ne répond pas assez vite : nouvel essai plus tard.');
  }
  // Refused, reset, DNS, cut mid-answer: the service is out of reach from here.
  return new SyncHttpError('network', 'Service de comptes injoignable (hors ligne ?) : les modifications restent en attente.');
}

export function createServiceClient(options: ClientOptions): ServiceClient {
  const url = new URL(options.baseUrl);
  const loopback = LOOPBACK.has(url.hostname);
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 4 });
  const api: AxiosInstance = axios.create({
    baseURL: `${options.baseUrl.replace(/\/+$/, '')}${SCHOOL_API_PREFIX}`,
    timeout: options.timeoutMs ?? 30_000,
    headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' },
    validateStatus: () => true,
    maxRedirects: 0,
    // A loopback service never goes through a proxy; elsewhere the environment's proxy applies.
    ...(loopback ? { proxy: false as const } : {}),
    httpAgent,
    httpsAgent,
  });

  async function send<T>(fn: () => Promise<AxiosResponse>, parse: (data: unknown) => T): Promise<T> {
    let res: AxiosResponse;
    try {
      res = await fn();
    } catch (err) {
      throw transportFailure(err);
    }
    if (res.status < 200 || res.status >= 300) throw failureOf(res);
    try {
      return parse(res.data);
    } catch {
      throw new SyncHttpError('protocol', 'Réponse inattendue du service de comptes (version incompatible ?).', res.status);
    }
  }

  return {
    push: (changes) => send(() => api.post('/changes', { changes }), (d) => PushResponse.parse(d).results),
    feed: (after, limit) =>
      send(() => api.get('/feed', { params: after ? { after, limit } : { limit } }), (d) => FeedResponse.parse(d)),
    async resolveReport(remoteId, body) {
      let res: AxiosResponse;
      try {
        res = await api.post(`/reports/${encodeURIComponent(remoteId)}/resolve`, body);
      } catch (err) {
        throw transportFailure(err);
      }
      if (res.status >= 200 && res.status < 300) {
        try {
          ResolveResponse.parse(res.data);
        } catch {
          throw new SyncHttpError('protocol', 'Réponse inattendue du service de comptes (version incompatible ?).', res.status);
        }
        return { ok: true };
      }
      if (res.status === 404 || res.status === 409) {
        return { ok: false, reason: apiMessage(res) ?? `Refusé par le service (${res.status}).` };
      }
      throw failureOf(res);
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
