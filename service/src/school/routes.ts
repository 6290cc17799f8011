import { z } from 'zod';
import {
  AccountsQuery,
  AccountsResponse,
  FeedQuery,
  FeedResponse,
  LettersRequest,
  LettersResponse,
  PushRequest,
  PushResponse,
  ResolveRequest,
  ResolveResponse,
  SchoolInfo,
} from '../../../shared/service-api/school';
import type { Deps } from '../deps';
import { isoOrNull } from '../deps';
import type { Router } from '../http';
import { pushChanges } from './changes';
import { readFeed } from './feedRead';
import { issueLetters } from './letters';
import { lookupAccounts, resolveReport } from './lookup';

const P = '/school/v1';

export function schoolRoutes(router: Router, deps: Deps): void {
  router.add(
    { method: 'GET', url: `${P}/me`, tag: 'school', auth: 'school', summary: 'L’établissement du jeton, et si l’activation y est ouverte', response: SchoolInfo, errors: [401] },
    async ({ school }) => {
      const rows = await deps.db.query<{ opens_at: Date }>('SELECT opens_at FROM departement_opening WHERE departement = $1', [school.departement]);
      const opensAt = rows[0]?.opens_at ?? null;
      return {
        uai: school.uai,
        name: school.name,
        departement: school.departement,
        activationOpensAt: isoOrNull(opensAt),
        activationOpen: opensAt !== null && new Date(opensAt).getTime() <= deps.clock.now().getTime(),
      };
    },
  );

  router.add(
    {
      method: 'POST',
      url: `${P}/changes`,
      tag: 'school',
      auth: 'school',
      summary: 'Envoie un lot de modifications (clé d’idempotence et version de base par modification), réponse par modification',
      body: PushRequest,
      response: PushResponse,
      errors: [400, 401, 413, 415],
      bodyLimit: deps.config.schoolBodyLimitBytes,
    },
    async ({ school, body }) => ({ results: await pushChanges(deps, school, body.changes) }),
  );

  router.add(
    { method: 'GET', url: `${P}/feed`, tag: 'school', auth: 'school', summary: 'Ce qui a changé côté service après un curseur', query: FeedQuery, response: FeedResponse, errors: [400, 401] },
    async ({ school, query, reply }) => {
      // Already JSON text (see readFeed): sent as is.
      reply.type('application/json; charset=utf-8');
      return readFeed(deps, school, query.after, query.limit);
    },
  );

  router.add(
    {
      method: 'POST',
      url: `${P}/letters`,
      tag: 'school',
      auth: 'school',
      summary: 'Émet les identifiants et mots de passe provisoires des courriers (le nouveau annule le précédent)',
      body: LettersRequest,
      response: LettersResponse,
      errors: [400, 401],
    },
    async ({ school, body, reply }) => {
      // The only answer that ever carries a temporary password.
      reply.header('cache-control', 'no-store');
      return { letters: await issueLetters(deps, school, body.guardianIds, body.reissue) };
    },
  );

  router.add(
    {
      method: 'POST',
      url: `${P}/reports/:id/resolve`,
      tag: 'school',
      auth: 'school',
      summary: 'Traite un signalement « ce n’est pas mon enfant »',
      params: z.object({ id: z.string().min(1).max(100) }),
      body: ResolveRequest,
      response: ResolveResponse,
      errors: [400, 401, 404, 409],
    },
    async ({ school, params, body }) => ({ report: await resolveReport(deps, school, params.id, body.resolution, body.note) }),
  );

  router.add(
    { method: 'GET', url: `${P}/accounts`, tag: 'school', auth: 'school', summary: 'État des comptes de responsables de l’établissement', query: AccountsQuery, response: AccountsResponse, errors: [400, 401] },
    async ({ school, query }) => lookupAccounts(deps, school, query.guardianIds),
  );
}
