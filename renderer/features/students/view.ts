import { create } from 'zustand';

export type StudentSortKey = 'lastName' | 'firstName' | 'birthDate' | 'division' | 'ine';
export type StudentStatusFilter = 'enrolled' | 'left' | 'all';

interface StudentsView {
  query: string;
  division: string | null;
  status: StudentStatusFilter;
  sort: { key: StudentSortKey; dir: 'asc' | 'desc' };
  set: (patch: Partial<Omit<StudentsView, 'set'>>) => void;
}

/** Filters survive a visit to a student's page and back. */
export const useStudentsView = create<StudentsView>((set) => ({
  query: '',
  division: null,
  status: 'enrolled',
  sort: { key: 'lastName', dir: 'asc' },
  set: (patch) => set(patch),
}));
