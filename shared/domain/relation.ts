import { fail, ok, type Normalised } from './result';
import { foldWords } from './text';

/** Canonical French labels of a guardian's link to the pupil (lien de parenté). */
export const RELATION_LABELS = [
  'Mère',
  'Père',
  'Tuteur',
  'Autre membre de la famille',
  'Aide sociale à l’enfance',
  'Famille d’accueil',
  'Autre lien',
] as const;
export type Relation = (typeof RELATION_LABELS)[number];

// Folded spellings (see foldWords) → label. Exact matches first, then the word patterns below.
const EXACT: Record<string, Relation> = {
  mere: 'Mère', maman: 'Mère', 'la mere': 'Mère', 'mere de l eleve': 'Mère',
  pere: 'Père', papa: 'Père', 'le pere': 'Père', 'pere de l eleve': 'Père',
  tuteur: 'Tuteur', tutrice: 'Tuteur', 'tuteur legal': 'Tuteur', 'tutrice legale': 'Tuteur', tutelle: 'Tuteur',
  'tuteur trice': 'Tuteur', 'tuteur tutrice': 'Tuteur', 'representant legal': 'Tuteur',
  ase: 'Aide sociale à l’enfance', 'a s e': 'Aide sociale à l’enfance',
  'aide sociale a l enfance': 'Aide sociale à l’enfance', 'aide sociale enfance': 'Aide sociale à l’enfance',
  'service de l aide sociale a l enfance': 'Aide sociale à l’enfance', 'conseil departemental': 'Aide sociale à l’enfance',
  'famille d accueil': 'Famille d’accueil', 'famille accueil': 'Famille d’accueil', 'assistante familiale': 'Famille d’accueil',
  'assistant familial': 'Famille d’accueil', 'famille d acceuil': 'Famille d’accueil',
  'autre lien': 'Autre lien', autre: 'Autre lien', 'autre lien de parente': 'Autre lien',
  'tiers digne de confiance': 'Autre lien', 'beau pere': 'Autre lien', 'belle mere': 'Autre lien',
  'autre membre de la famille': 'Autre membre de la famille', 'autre membre famille': 'Autre membre de la famille',
  'membre de la famille': 'Autre membre de la famille', famille: 'Autre membre de la famille',
};

const FAMILY_WORDS = /^(grand mere|grand pere|grands parents|grand parent|oncle|tante|frere|soeur|cousin|cousine|demi frere|demi soeur|arriere grand mere|arriere grand pere|parrain|marraine)$/;

/**
 * Normalises a guardian's relation to the pupil to one of RELATION_LABELS. Empty gives null;
 * anything not recognised is refused so that a person chooses (a wrong link is a data leak risk).
 */
export function normaliseRelation(raw: string): Normalised<string | null> {
  const key = foldWords(typeof raw === 'string' ? raw : String(raw ?? ''));
  if (key === '') return ok(null);
  const exact = EXACT[key];
  if (exact) return ok(exact);
  if (FAMILY_WORDS.test(key)) return ok('Autre membre de la famille');
  if (/\baide sociale\b|\base\b/.test(key)) return ok('Aide sociale à l’enfance');
  if (/\bfamille\b.*\bac+u?e?u?il\b/.test(key)) return ok('Famille d’accueil');
  return fail(
    'unknown_relation',
    `Lien avec l’élève non reconnu : choisissez parmi ${RELATION_LABELS.map((l) => `« ${l} »`).join(', ')}.`,
  );
}
