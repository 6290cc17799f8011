import { create } from 'zustand';

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
