import { z } from 'zod';
import type { RouteSpec } from './http';
import { ApiError } from '../../shared/service-api/common';

const toJson = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Requête invalide',
  401: 'Non authentifié',
  403: 'Non autorisé',
  404: 'Introuvable',
  409: 'Conflit avec l’état du compte',
  410: 'Expiré',
  413: 'Trop volumineux',
  415: 'Type de contenu non pris en charge',
  422: 'Refusé',
  423: 'Compte bloqué',
  429: 'Trop de demandes',
  502: 'Envoi impossible',
};

/** The OpenAPI 3.1 document of every declared route, built from the same zod schemas that validate them. */
export function buildOpenApi(routes: RouteSpec[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue;
      const json = toJson(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(json.properties ?? {}))
        parameters.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: s });
    }
    const responses: Record<string, unknown> = {
      200: { description: 'Succès', content: { [r.produces ?? 'application/json']: { schema: toJson(r.response, 'output') } } },
    };
    for (const status of r.errors ?? [])
      responses[status] = { description: STATUS_TEXT[status] ?? 'Erreur', content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } };
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = {
      tags: [r.tag],
      summary: r.summary,
      operationId: `${r.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      security: { none: [], school: [{ schoolToken: [] }], admin: [{ adminToken: [] }], activation: [{ parentSession: [] }], account: [{ parentSession: [] }] }[r.auth],
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: toJson(r.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sésame — service de comptes',
      version: '1',
      description: 'API établissement (jeton par établissement) et API parents (activation, récupération, regroupement).',
    },
    tags: [
      { name: 'school', description: 'API établissement : synchronisation de l’application Sésame' },
      { name: 'parent', description: 'API parents : les parcours de la FAQ' },
      { name: 'service', description: 'Santé et documentation' },
      { name: 'admin', description: 'Administration locale (commandes sesame-service), si activée' },
    ],
    components: {
      securitySchemes: {
        schoolToken: { type: 'http', scheme: 'bearer', description: 'Jeton de l’établissement (sesame-service school add)' },
        parentSession: { type: 'http', scheme: 'bearer', description: 'Jeton de session parent (activation ou connexion)' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'Jeton d’administration du processus (CLI sesame-service)' },
      },
      schemas: { ApiError: toJson(ApiError, 'output') },
    },
    paths,
  };
}
