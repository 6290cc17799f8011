import { fieldChoices, fieldLabel as canonicalLabel, type FieldChoice } from '../../../shared/import/fields';

/** French label of a canonical field; `null` is an ignored column. */
export function fieldLabel(field: string | null): string {
  return field === null ? 'Ignorée' : canonicalLabel(field);
}

const childGroupOf = (field: string | null): number => {
  const m = field ? /^child(\d)\./.exec(field) : null;
  return m ? Number(m[1]) : 0;
};

/**
 * Choices for one file's mapping: every canonical field, grouped (Élève, Responsable 1, …), plus
 * any field the core mentioned that the list lacks. Child groups (ONDE guardians files) are offered
 * up to the highest the core mentioned, at least 4.
 */
export function fieldOptions(mentioned: Array<string | null>): FieldChoice[] {
  const childGroups = Math.max(4, ...mentioned.map(childGroupOf));
  const choices = fieldChoices(childGroups);
  const known = new Set(choices.map((c) => c.field));
  for (const f of mentioned) {
    if (f && !known.has(f)) {
      known.add(f);
      choices.push({ field: f, label: fieldLabel(f), group: 'Autres' });
    }
  }
  return choices;
}

/** Groups in first-appearance order, for `<optgroup>`s. */
export function groupChoices(choices: FieldChoice[]): Array<{ group: string; choices: FieldChoice[] }> {
  const groups = new Map<string, FieldChoice[]>();
  for (const c of choices) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return [...groups].map(([group, list]) => ({ group, choices: list }));
}
