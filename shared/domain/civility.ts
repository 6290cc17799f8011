import { fail, ok, type Normalised } from './result';
import { foldWords } from './text';

export type Civility = 'M.' | 'Mme';

const CIVILITIES: Record<string, Civility> = {
  m: 'M.', mr: 'M.', mss: 'M.', monsieur: 'M.', msieur: 'M.', mons: 'M.',
  mme: 'Mme', mm: 'Mme', mde: 'Mme', madame: 'Mme', mlle: 'Mme', melle: 'Mme', mll: 'Mme',
  mademoiselle: 'Mme', mrs: 'Mme', ms: 'Mme', miss: 'Mme',
};

/**
 * Civility as the administration writes it: "M." or "Mme" ("Mademoiselle" is no longer used in
 * official letters, so "Mlle" becomes "Mme"). An empty value gives null.
 */
export function normaliseCivility(raw: string): Normalised<Civility | null> {
  const key = foldWords(typeof raw === 'string' ? raw : String(raw ?? '')).replace(/\s+/g, '');
  if (key === '') return ok(null);
  const civility = CIVILITIES[key];
  if (civility) return ok(civility);
  return fail('unknown_civility', 'Civilité non reconnue : indiquez « M. » (Monsieur) ou « Mme » (Madame), ou laissez vide.');
}
