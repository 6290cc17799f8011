// Push events: progress of long writes and notice that the register changed.

export type AppEvent =
  | {
      type: 'import.progress';
      token: string;
      phase: 'decode' | 'parse' | 'normalise' | 'match' | 'write' | 'persist';
      done: number;
      total: number;
    }
  | { type: 'register.changed'; entities: Array<'student' | 'guardian' | 'school' | 'import' | 'report' | 'staff'> }
  /** A sync run's progress: changes answered out of those queued, then feed events applied. */
  | { type: 'sync.progress'; phase: 'push' | 'pull'; done: number; total: number }
  /** Sync status changed (run started or ended, settings saved, conflict resolved): reload `sync.status`. */
  | { type: 'sync.changed' };
