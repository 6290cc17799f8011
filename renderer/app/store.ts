import { create } from 'zustand';
import type { AppInfo } from '../../shared/contract/school';
import { call, errorMessage, subscribe } from '../transport/call';

type Entity = 'student' | 'guardian' | 'school' | 'import' | 'report' | 'staff';

interface AppState {
  info: AppInfo | null;
  infoError: string | null;
  /** Bumped on each `register.changed` touching the entity: lists and pages reload on change. */
  revision: Record<Entity, number>;
  loadInfo: () => Promise<void>;
  registerChanged: (entities: Entity[]) => void;
}

export const useAppStore = create<AppState>((set, get) => ({
  info: null,
  infoError: null,
  revision: { student: 0, guardian: 0, school: 0, import: 0, report: 0, staff: 0 },
  loadInfo: async () => {
    try {
      const info = await call('app.info', {});
      set({ info, infoError: null });
    } catch (err) {
      set({ infoError: errorMessage(err) });
    }
  },
  registerChanged: (entities) => {
    const revision = { ...get().revision };
    for (const e of entities) revision[e] = (revision[e] ?? 0) + 1;
    set({ revision });
    void get().loadInfo();
  },
}));

/** Wires push events to the store; returns the unsubscribe. */
export function startAppEvents(): () => void {
  return subscribe((event) => {
    if (event.type === 'register.changed') useAppStore.getState().registerChanged(event.entities);
  });
}

export const useRevision = (...entities: Entity[]): number =>
  useAppStore((s) => entities.reduce((sum, e) => sum + s.revision[e], 0));
