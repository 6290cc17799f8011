// The desk's kinds: stable names (the CLI prints them, README documents them), French labels and
// what a person may do about each.

import type { AnomalyKind } from '../../../shared/contract/corrections';

export const KINDS: ReadonlyArray<{ kind: AnomalyKind; label: string; bulk: boolean; dismissible: boolean }> = [
  { kind: 'student.no_legal_guardian', label: 'Élève sans responsable légal', bulk: false, dismissible: false },
  { kind: 'student.two_rank1', label: 'Deux responsables de rang 1', bulk: false, dismissible: false },
  { kind: 'student.invalid_birth_date', label: 'Date de naissance manquante ou invalide', bulk: false, dismissible: false },
  { kind: 'student.implausible_birth_date', label: 'Date de naissance invraisemblable', bulk: false, dismissible: true },
  { kind: 'guardian.shared_contact', label: 'Portable ou courriel partagé entre familles', bulk: false, dismissible: true },
  { kind: 'guardian.invalid_mobile', label: 'Portable invalide', bulk: true, dismissible: false },
  { kind: 'guardian.no_mobile', label: 'Pas de portable (aucun numéro ou un fixe)', bulk: false, dismissible: true },
  { kind: 'guardian.invalid_email', label: 'Courriel invalide', bulk: true, dismissible: false },
  { kind: 'guardian.no_email', label: 'Pas de courriel', bulk: false, dismissible: true },
  { kind: 'guardian.email_typo', label: 'Domaine de courriel probablement mal saisi', bulk: false, dismissible: true },
  { kind: 'guardian.look_alike', label: 'Responsables en double possibles', bulk: false, dismissible: true },
  { kind: 'guardian.name_variants', label: 'Même parent écrit différemment', bulk: false, dismissible: true },
];

export const KIND_INFO = new Map(KINDS.map((k) => [k.kind, k]));

/** The kind an anomaly key starts with (`guardian.look_alike:ID:ID` → `guardian.look_alike`). */
export function kindOfKey(key: string): AnomalyKind | undefined {
  const kind = key.slice(0, key.indexOf(':'));
  return KIND_INFO.has(kind as AnomalyKind) ? (kind as AnomalyKind) : undefined;
}

export const MESSAGES = {
  noPhone: 'Aucun portable : l’inscription autonome et la récupération du compte par SMS sont impossibles.',
  fixedPhone: 'Le numéro enregistré n’est pas un portable : aucun SMS d’activation ni de récupération ne peut y arriver.',
  /** What was typed and why it is refused (the domain's words), so the list itself shows it. */
  invalidPhone: (raw: string, why: string) => `Portable refusé : « ${raw} ». ${why} L’inscription autonome par SMS est impossible.`,
  invalidPhoneFixable: 'Portable refusé à l’import, mais il se lit maintenant : la correction peut être appliquée.',
  noEmail: 'Aucun courriel : la récupération de l’identifiant ou du mot de passe par courriel est impossible.',
  invalidEmail: (raw: string, why: string) => `Courriel refusé : « ${raw} ». ${why} La récupération par courriel est impossible.`,
  invalidEmailFixable: 'Courriel refusé à l’import, mais il se lit maintenant : la correction peut être appliquée.',
  emailTypo: 'Domaine du courriel probablement mal saisi : vérifiez avec la famille avant d’appliquer la correction proposée.',
  sharedPhone: 'Même portable pour des responsables de familles différentes : une récupération de compte par SMS irait à la mauvaise personne.',
  sharedEmail: 'Même courriel pour des responsables de familles différentes : une récupération de compte par courriel irait à la mauvaise personne.',
  lookAlike: (why: string) => `Même nom et prénom, ${why} : peut-être une seule personne enregistrée deux fois. Fusionner les fiches ?`,
  nameVariants: 'Le même parent semble écrit différemment d’un enfant à l’autre : le regroupement des comptes exige des nom et prénom identiques.',
  noBirthDate: 'Date de naissance manquante : les parents ne pourront pas la confirmer à l’activation.',
  invalidBirthDate: 'Date de naissance illisible (la saisie d’origine est conservée) : les parents ne pourront pas la confirmer à l’activation.',
  noLegalGuardian: 'Aucun responsable légal (rang 1 ou 2) : personne ne peut activer de compte pour cet élève.',
  twoRank1: 'Deux responsables légaux de rang 1 : un seul peut l’être, l’autre doit être de rang 2.',
} as const;

export const EVIDENCE = {
  siblings: 'rattachés à des enfants d’une même famille',
  sameStudent: 'rattachés au même élève',
  address: 'même adresse',
  digits: 'même numéro (aux chiffres près de l’indicatif)',
} as const;
