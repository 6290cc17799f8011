import { z } from 'zod';

/** Every error answer of the account service (4xx/5xx). `message` is French and safe to show. */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

export const IsoDateTime = z.string().describe('date-heure ISO 8601 (UTC)');
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date au format AAAA-MM-JJ attendue');
export const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'numéro au format international attendu (+33…)');
export const Email = z.string().max(254).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'adresse e-mail invalide');
