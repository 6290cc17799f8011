export const PHASES: Record<string, string> = {
  decode: 'Lecture du fichier',
  parse: 'Lecture des lignes',
  normalise: 'Vérification des valeurs',
  match: 'Rapprochement avec le registre',
  write: 'Enregistrement',
  persist: 'Écriture sur le disque',
};

/** Whole percent in [0, 100]; 0 while the total is unknown. */
export function progressPercent(done: number, total: number): number {
  if (!(total > 0) || !Number.isFinite(done)) return 0;
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)));
}
