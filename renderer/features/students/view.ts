import { create } from 'zustand';
import { createSelectionStore } from '../letters/selection';

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

/** Students picked for their guardians' letters; kept while filtering, scrolling and visiting a record. */
export const useStudentSelection = createSelectionStore();
