import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/contract/sync';
import { call, subscribe } from '../../transport/call';

interface SyncStore {
  status: SyncStatus | null;
  /** Bumped when conflicts or account states may have changed. */
  revision: number;
  refresh: () => Promise<void>;
}

export const useSyncStore = create<SyncStore>((set, get) => ({
  status: null,
  revision: 0,
  refresh: async () => {
    try {
      set({ status: await call('sync.status', {}) });
    } catch {
      // The status bar keeps its last known state; the page shows call errors itself.
    }
    set({ revision: get().revision + 1 });
  },
}));

/** Keeps the sync status fresh: on sync and register events, and every 30 s (the clock of
 * « Dernière synchronisation » and background runs). Returns the stop function. */
export function startSyncStatus(): () => void {
  const refresh = () => void useSyncStore.getState().refresh();
  refresh();
  const unsubscribe = subscribe((e) => {
    if (e.type === 'sync.changed' || e.type === 'register.changed') refresh();
  });
  const timer = setInterval(refresh, 30_000);
  return () => {
    unsubscribe();
    clearInterval(timer);
  };
}
