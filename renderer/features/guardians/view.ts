import { create } from 'zustand';
import { createSelectionStore } from '../letters/selection';

export type GuardianSortKey = 'lastName' | 'firstName' | 'phone' | 'email' | 'childCount';

interface GuardiansView {
  query: string;
  sort: { key: GuardianSortKey; dir: 'asc' | 'desc' };
  set: (patch: Partial<Omit<GuardiansView, 'set'>>) => void;
}

/** Filters survive a visit to a guardian's page and back. */
export const useGuardiansView = create<GuardiansView>((set) => ({
  query: '',
  sort: { key: 'lastName', dir: 'asc' },
  set: (patch) => set(patch),
}));

/** Guardians picked for a letter batch; kept while filtering, scrolling and visiting a record. */
export const useGuardianSelection = createSelectionStore();
