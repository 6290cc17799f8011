import { z } from 'zod';
import { addSchool, listDepartements, openDepartement, rotateSchoolToken } from './admin';
import type { Deps } from './deps';
import { HttpError } from './errors';
import type { Router } from './http';
import { listMessages } from './notifier/recording';

const P = '/admin/v1';
const DepartementList = z.object({ departements: z.array(z.object({ departement: z.string(), opensAt: z.string() })) });

// The admin CLI's commands, for when a running server holds an embedded database (PGlite
// allows one process per data directory). Enabled only with config.adminToken.
export function adminRoutes(router: Router, deps: Deps): void {
  const asBadRequest = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof HttpError) throw err;
      throw new HttpError(400, 'invalid_input', (err as Error).message);
    }
  };
  const common = { tag: 'admin' as const, auth: 'admin' as const, errors: [400, 401] };
  router.add(
    {
      ...common,
      method: 'POST',
      url: `${P}/schools`,
      summary: 'Enregistre un établissement et renvoie son jeton (affiché une seule fois)',
      body: z.object({ uai: z.string().max(20), name: z.string().max(200), departement: z.string().max(3) }),
      response: z.object({ id: z.string(), uai: z.string(), token: z.string() }),
    },
    async ({ body }) => asBadRequest(() => addSchool(deps.db, deps.clock, body)),
  );
  router.add(
    {
      ...common,
      method: 'POST',
      url: `${P}/schools/rotate-token`,
      summary: 'Remplace le jeton d’un établissement',
      body: z.object({ uai: z.string().max(20) }),
      response: z.object({ token: z.string() }),
    },
    async ({ body }) =>
      asBadRequest(async () => {
        const token = await rotateSchoolToken(deps.db, body.uai);
        deps.caches.schools.clear();
        return { token };
      }),
  );
  router.add(
    {
      ...common,
      method: 'POST',
      url: `${P}/departements`,
      summary: 'Ouvre l’activation d’un département à une date',
      body: z.object({ departement: z.string().max(3), opensAt: z.string().max(40) }),
      response: DepartementList,
    },
    async ({ body }) =>
      asBadRequest(async () => {
        await openDepartement(deps.db, body.departement, new Date(body.opensAt));
        return { departements: await listDepartements(deps.db) };
      }),
  );
  router.add(
    { ...common, method: 'GET', url: `${P}/departements`, summary: 'Départements ouverts et dates', response: DepartementList },
    async () => ({ departements: await listDepartements(deps.db) }),
  );
  router.add(
    {
      ...common,
      method: 'GET',
      url: `${P}/messages`,
      summary: 'Mails et SMS enregistrés par le notificateur de développement',
      response: z.object({
        messages: z.array(z.object({ seq: z.number(), channel: z.enum(['email', 'sms']), to: z.string(), subject: z.string().nullable(), text: z.string(), at: z.string() })),
      }),
    },
    async () => ({ messages: await listMessages(deps.db) }),
  );
}
