import type { z } from 'zod';

/** An answer other than success: status, stable code, French message safe to show. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const httpError = (status: number, code: string, message: string, details?: unknown) =>
  new HttpError(status, code, message, details);

/** Zod issues → one readable French sentence naming each field, plus the list as details. */
export function invalidInput(where: 'body' | 'query' | 'params', error: z.ZodError): HttpError {
  const label = { body: 'corps de la requête', query: 'paramètres d’URL', params: 'chemin' }[where];
  const issues = error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message }));
  const summary = issues
    .slice(0, 3)
    .map((i) => (i.path ? `champ « ${i.path} » : ${i.message}` : i.message))
    .join(' ; ');
  return new HttpError(400, 'invalid_input', `Requête invalide (${label}) : ${summary}.`, { issues });
}
