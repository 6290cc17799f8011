/** Order for handing letters out: class of the first child, then guardian name (French collation). */
import type { LetterData } from './types';

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

function divisionOf(letter: LetterData): string | null {
  const d = letter.children[0]?.division?.trim();
  return d ? d : null;
}

export function compareForDistribution(a: LetterData, b: LetterData): number {
  const da = divisionOf(a);
  const db = divisionOf(b);
  // Letters without a class go last: staff hand them out at the counter.
  if (da !== db) {
    if (da === null) return 1;
    if (db === null) return -1;
    const c = collator.compare(da, db);
    if (c !== 0) return c;
  }
  return (
    collator.compare(a.guardian.lastName, b.guardian.lastName) ||
    collator.compare(a.guardian.firstName, b.guardian.firstName) ||
    collator.compare(a.children[0]?.lastName ?? '', b.children[0]?.lastName ?? '') ||
    collator.compare(a.children[0]?.firstName ?? '', b.children[0]?.firstName ?? '')
  );
}

/** A sorted copy; the input is left as it was. Stable for equal keys. */
export function sortForDistribution<T extends LetterData>(letters: readonly T[]): T[] {
  return [...letters].sort(compareForDistribution);
}
