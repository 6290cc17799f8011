// Push events: progress of long writes and notice that the register changed.

export type AppEvent =
  | {
      type: 'import.progress';
      token: string;
      phase: 'decode' | 'parse' | 'normalise' | 'match' | 'write' | 'persist';
      done: number;
      total: number;
    }
  | { type: 'register.changed'; entities: Array<'student' | 'guardian' | 'school' | 'import' | 'report' | 'staff'> };
