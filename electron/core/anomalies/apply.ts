// anomalies.applySuggestion: applies fixes the desk proposes. Raw phones and emails that now read
// cleanly may go in bulk; an email domain typo fix only for the entries a person confirmed.

import type { Output, ParsedInput } from '../../../shared/contract';
import type { CoreContext } from '../context';
import { correct, invalidFields, fieldError } from '../edits/changes';
import { writeGuardianColumns } from '../edits/guardian';
import { readGuardian } from '../edits/rows';
import type { Entry } from './rules';
import { anomalyState, sortedEntries } from './state';

export function applySuggestions(input: ParsedInput<'anomalies.applySuggestion'>, ctx: CoreContext): Promise<Output<'anomalies.applySuggestion'>> {
  if (input.kind === 'guardian.email_typo' && !input.keys?.length) {
    throw invalidFields([
      fieldError('keys', 'confirmation_required', 'Une correction de courriel se confirme adresse par adresse, après vérification avec la famille : elle n’est jamais appliquée à toutes.'),
    ]);
  }
  const st = anomalyState(ctx);
  const skipped: Array<{ key: string; message: string }> = [];
  const targets: Entry[] = [];
  const candidates = input.keys ? input.keys.map((k) => st.entries.get(k) ?? k) : sortedEntries(st, input.kind);
  for (const c of candidates) {
    if (typeof c === 'string') {
      skipped.push({ key: c, message: 'Anomalie introuvable : déjà corrigée ?' });
    } else if (c.kind !== input.kind) {
      skipped.push({ key: c.key, message: 'Cette anomalie n’est pas du type demandé.' });
    } else if (!c.suggestion || (!c.suggestion.safe && !input.keys)) {
      skipped.push({ key: c.key, message: 'Aucune correction sûre à proposer : corrigez la fiche à la main.' });
    } else {
      targets.push(c);
    }
  }
  // Bulk without keys: entries without a suggestion are simply not concerned.
  const reported = input.keys ? skipped : [];
  if (targets.length === 0) return Promise.resolve({ applied: 0, skipped: reported });

  return correct(ctx, 'edit', ['guardian'], (log, tx) => {
    let applied = 0;
    const touched: string[] = [];
    for (const e of targets) {
      const gid = e.guardians[0]!;
      const g = readGuardian(tx, gid);
      const s = e.suggestion!;
      // The record must still be what the desk saw: otherwise someone corrected it meanwhile.
      const still =
        g &&
        (e.kind === 'guardian.invalid_mobile'
          ? g.phone === null && g.phone_raw !== null
          : e.kind === 'guardian.invalid_email'
            ? g.email === null && g.email_raw !== null
            : g.email !== null && g.email !== s.value);
      if (!g || !still) {
        reported.push({ key: e.key, message: 'La fiche a changé entre-temps : vérifiez-la.' });
        continue;
      }
      const columns = s.field === 'phone' ? { phone: s.value, phone_raw: null } : { email: s.value, email_raw: null };
      if (writeGuardianColumns(tx, log, g, columns).changed) {
        applied++;
        touched.push(gid);
      }
    }
    return { value: { applied, skipped: reported }, touched: { guardians: touched } };
  });
}
