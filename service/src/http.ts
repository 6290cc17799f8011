import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Deps } from './deps';
import { HttpError, invalidInput } from './errors';
import { MSG } from './messages';
import { sameHash, sha256 } from './security/crypto';

export type AuthKind = 'none' | 'school' | 'activation' | 'account' | 'admin';

export interface SchoolRow {
  id: string;
  uai: string;
  name: string;
  departement: string;
}

export interface SessionRow {
  tokenHash: string;
  kind: 'activation' | 'account';
  accountId: string | null;
  data: Record<string, unknown>;
  expiresAt: Date;
}

/** Everything the OpenAPI document needs about a route; also drives validation and auth. */
export interface RouteSpec {
  method: 'GET' | 'POST';
  url: string;
  tag: 'school' | 'parent' | 'service' | 'admin';
  summary: string;
  auth: AuthKind;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  response: z.ZodType;
  /** Error statuses this route answers (documented). */
  errors?: number[];
  bodyLimit?: number;
  /** Content type of a success that is not JSON (the email validation page). */
  produces?: string;
}

export interface Ctx<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  req: FastifyRequest;
  reply: FastifyReply;
  /** Set on 'school' routes. */
  school: SchoolRow;
  /** Set on 'activation' and 'account' routes. */
  session: SessionRow;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface Router {
  readonly routes: RouteSpec[];
  add<S extends RouteSpec>(spec: S, handler: (ctx: Ctx<Out<S['body']>, Out<S['query']>, Out<S['params']>>) => Promise<unknown>): void;
}

export function createRouter(app: FastifyInstance, deps: Deps): Router {
  const routes: RouteSpec[] = [];
  return {
    routes,
    add(spec, handler) {
      routes.push(spec);
      app.route({
        method: spec.method,
        url: spec.url,
        // Parents send small bodies; the school API sends batches (and its letters request lists up to 1,000 ids).
        bodyLimit: spec.bodyLimit ?? (spec.tag === 'school' || spec.tag === 'admin' ? deps.config.schoolBodyLimitBytes : deps.config.parentBodyLimitBytes),
        handler: async (req, reply) => {
          if (spec.tag === 'parent') limitSource(deps, req);
          // Who is asking comes first: an unauthenticated caller learns nothing about the input's shape.
          const ctx = { req, reply } as Ctx<never, never, never>;
          if (spec.auth === 'admin') authenticateAdmin(deps, req);
          if (spec.auth === 'school') ctx.school = await authenticateSchool(deps, req);
          if (spec.auth === 'activation' || spec.auth === 'account') ctx.session = await authenticateSession(deps, req, spec.auth);
          ctx.body = (spec.body ? parse(spec.body, req.body ?? {}, 'body') : undefined) as never;
          ctx.query = (spec.query ? parse(spec.query, req.query ?? {}, 'query') : undefined) as never;
          ctx.params = (spec.params ? parse(spec.params, req.params ?? {}, 'params') : undefined) as never;
          return handler(ctx as never);
        },
      });
    },
  };
}

function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw invalidInput(where, r.error);
  return r.data;
}

function limitSource(deps: Deps, req: FastifyRequest) {
  if (!deps.limiter.hit('ip', req.ip, deps.config.rateLimits.perIp, deps.clock.now().getTime()))
    throw new HttpError(429, 'too_many_requests', MSG.tooManyRequests);
}

/** A rotated token keeps working this long in a process that had just used it (another process rotated it). */
export const SCHOOL_CACHE_MS = 5_000;

export function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer\s+(\S{16,512})$/i.exec(h.trim());
  return m?.[1] ?? null;
}

function authenticateAdmin(deps: Deps, req: FastifyRequest): void {
  const token = bearer(req);
  const expected = deps.config.adminToken;
  if (!token || !expected || !sameHash(sha256(token), sha256(expected)))
    throw new HttpError(401, 'unauthenticated', 'Jeton d’administration absent ou inconnu.');
}

async function authenticateSchool(deps: Deps, req: FastifyRequest): Promise<SchoolRow> {
  const token = bearer(req);
  if (!token) throw new HttpError(401, 'unauthenticated', 'Jeton d’établissement absent : en-tête « Authorization: Bearer … » attendu.');
  const hash = sha256(token);
  // Every school request starts here: a few seconds of cache saves a round trip (the feed is polled).
  const cached = deps.caches.schools.get(hash);
  if (cached && cached.until > performance.now()) return cached.school;
  const rows = await deps.db.query<SchoolRow>('SELECT id, uai, name, departement FROM school WHERE token_hash = $1', [hash]);
  const school = rows[0];
  if (!school) throw new HttpError(401, 'unauthenticated', 'Jeton d’établissement inconnu ou révoqué.');
  if (deps.caches.schools.size > 10_000) deps.caches.schools.clear();
  deps.caches.schools.set(hash, { school, until: performance.now() + SCHOOL_CACHE_MS });
  return school;
}

async function authenticateSession(deps: Deps, req: FastifyRequest, kind: 'activation' | 'account'): Promise<SessionRow> {
  const token = bearer(req);
  if (!token) throw new HttpError(401, 'unauthenticated', MSG.sessionRequired);
  const rows = await deps.db.query<{ token_hash: string; kind: SessionRow['kind']; account_id: string | null; data: Record<string, unknown>; expires_at: Date }>(
    'SELECT token_hash, kind, account_id, data, expires_at FROM session WHERE token_hash = $1 AND expires_at > $2',
    [sha256(token), deps.clock.now()],
  );
  const s = rows[0];
  if (!s || s.kind !== kind) throw new HttpError(401, 'unauthenticated', MSG.sessionRequired);
  return { tokenHash: s.token_hash, kind: s.kind, accountId: s.account_id, data: s.data, expiresAt: new Date(s.expires_at) };
}
