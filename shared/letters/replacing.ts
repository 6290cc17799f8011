/** What a batch would void: letters printed again (« remplace le précédent »), and among them
 * the accounts already active. Counted the same way by the preview and by the core's check. */
import type { ReplacingDetails } from '../contract/letters';

export function replacingOf(letters: ReadonlyArray<{ reissued: boolean; activeAccount: boolean }>): ReplacingDetails {
  const replacing = letters.filter((l) => l.reissued);
  return { letters: replacing.length, activeAccounts: replacing.filter((l) => l.activeAccount).length };
}
