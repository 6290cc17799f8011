// A selection of rows in a long list (guardians, students): ids, kept across filtering, scrolling
// and visits to a record, until a batch is printed. One store per list.
import { create, type StoreApi, type UseBoundStore } from 'zustand';

export interface Selection {
  ids: ReadonlySet<string>;
  toggle: (id: string) => void;
  /** « Tout sélectionner »: adds to what is already picked. */
  add: (ids: readonly string[]) => void;
  /** After a print: the ids printed leave, the others stay picked. */
  remove: (ids: readonly string[]) => void;
  clear: () => void;
}

export function toggled(ids: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(ids);
  if (!next.delete(id)) next.add(id);
  return next;
}

export function added(ids: ReadonlySet<string>, more: readonly string[]): ReadonlySet<string> {
  const next = new Set(ids);
  for (const id of more) next.add(id);
  return next.size === ids.size ? ids : next;
}

export function removed(ids: ReadonlySet<string>, gone: readonly string[]): ReadonlySet<string> {
  const next = new Set(ids);
  for (const id of gone) next.delete(id);
  return next.size === ids.size ? ids : next;
}

/** The picked ids a print dealt with: all of the batch's but those the result left out (a
 * guardian excluded, a student who left). */
export function printedIds(batchIds: readonly string[], excluded: ReadonlyArray<{ guardianId: string; studentId?: string }>): string[] {
  const out = new Set(excluded.map((e) => e.studentId ?? e.guardianId));
  return batchIds.filter((id) => !out.has(id));
}

export function createSelectionStore(): UseBoundStore<StoreApi<Selection>> {
  return create<Selection>((set) => ({
    ids: new Set<string>(),
    toggle: (id) => set((s) => ({ ids: toggled(s.ids, id) })),
    add: (more) => set((s) => ({ ids: added(s.ids, more) })),
    remove: (gone) => set((s) => ({ ids: removed(s.ids, gone) })),
    clear: () => set({ ids: new Set<string>() }),
  }));
}
