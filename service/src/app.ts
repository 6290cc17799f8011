import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { systemClock, type Clock } from '../../shared/clock';
import { uuidv7 } from '../../shared/ids';
import { resolveConfig, type ConfigInput } from './config';
import type { Db } from './db/types';
import type { Deps } from './deps';
import { HttpError } from './errors';
import { createRouter, type RouteSpec } from './http';
import type { Notifier } from './notifier/types';
import { recordingNotifier } from './notifier/recording';
import { adminRoutes } from './adminRoutes';
import { buildOpenApi } from './openapi';
import { parentRoutes } from './parent/routes';
import { schoolRoutes } from './school/routes';
import { createRateLimiter } from './security/rateLimit';

export interface ServiceOptions {
  db: Db;
  clock?: Clock;
  /** Defaults to the recording notifier (development: messages land in the database). */
  notifier?: Notifier;
  config?: ConfigInput;
  /** Where the request log goes when config.logger is on (stdout by default); tests capture it. */
  logStream?: NodeJS.WritableStream;
}

export interface Service extends FastifyInstance {
  /** The routes as declared (method, url, schemas), in order: what the OpenAPI document lists. */
  sesameRoutes: RouteSpec[];
  /** Every route Fastify actually registered (method and url), whoever registered it. */
  registeredRoutes: { method: string; url: string }[];
}

/** Builds the account service (not listening): test it with inject(), serve it with listen(). */
export async function buildService(options: ServiceOptions): Promise<Service> {
  z.config(z.locales.fr());
  const config = resolveConfig(options.config);
  const clock = options.clock ?? systemClock;
  const deps: Deps = {
    db: options.db,
    clock,
    config,
    notifier: options.notifier ?? recordingNotifier(options.db, clock),
    limiter: createRateLimiter(),
    newId: () => uuidv7(clock.now().getTime()),
    caches: { schools: new Map(), lastExpirySweep: new Map() },
  };

  const app = Fastify({
    // Requests only: method, url without query string (email links carry tokens), status. Never bodies or headers.
    logger: config.logger
      ? {
          ...(options.logStream ? { stream: options.logStream } : {}),
          serializers: {
            req: (req) => ({ method: req.method, url: String(req.url).split('?')[0] }),
            res: (res) => ({ statusCode: res.statusCode }),
          },
        }
      : false,
    bodyLimit: config.parentBodyLimitBytes,
    trustProxy: config.trustProxy,
  });

  app.setErrorHandler((err: FastifyError | HttpError, req, reply) => {
    if (err instanceof HttpError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } });
    }
    const status = err.statusCode ?? 500;
    const known: Record<string, [string, string]> = {
      FST_ERR_CTP_BODY_TOO_LARGE: ['too_large', 'Requête trop volumineuse : découpez-la en lots plus petits.'],
      FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'Type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json).'],
      FST_ERR_CTP_EMPTY_JSON_BODY: ['invalid_json', 'Corps JSON vide.'],
      FST_ERR_CTP_INVALID_JSON_BODY: ['invalid_json', 'Corps JSON illisible : vérifiez la syntaxe.'],
    };
    const hit = known[err.code ?? ''];
    if (hit) return reply.status(status).send({ error: { code: hit[0], message: hit[1] } });
    if (status >= 400 && status < 500) {
      const json = err instanceof SyntaxError || /JSON/i.test(err.message);
      return reply.status(status).send({
        error: json ? { code: 'invalid_json', message: 'Corps JSON illisible : vérifiez la syntaxe.' } : { code: 'bad_request', message: 'Requête invalide.' },
      });
    }
    // The error itself may hold personal data (SQL parameters): log its kind only.
    req.log.error({ code: (err as { code?: unknown }).code, name: err.name }, 'erreur interne');
    return reply.status(500).send({ error: { code: 'internal', message: 'Erreur interne du service : réessayez plus tard.' } });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: `Adresse inconnue : ${req.method} ${String(req.url).split('?')[0]}` } }),
  );
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });

  const registeredRoutes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') registeredRoutes.push({ method, url: r.url });
  });

  const router = createRouter(app, deps);
  router.add(
    { method: 'GET', url: '/health', tag: 'service', auth: 'none', summary: 'Le service répond', response: z.object({ ok: z.literal(true) }) },
    async () => ({ ok: true as const }),
  );
  schoolRoutes(router, deps);
  parentRoutes(router, deps);
  if (config.adminToken) adminRoutes(router, deps);
  router.add(
    { method: 'GET', url: '/openapi.json', tag: 'service', auth: 'none', summary: 'Ce document', response: z.record(z.string(), z.unknown()) },
    async () => buildOpenApi(router.routes),
  );

  const service = app as unknown as Service;
  service.decorate('sesameRoutes', router.routes);
  service.decorate('registeredRoutes', registeredRoutes);
  return service;
}
