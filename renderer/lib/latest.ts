/**
 * Keeps only the answer to the latest request: each `begin()` returns a ticket, and a ticket is
 * current only until the next `begin()`. Answers to older tickets are dropped, so a slow answer to
 * "du" never replaces the fresher answer to "dupont".
 */
export function createLatest() {
  let current = 0;
  return {
    begin(): number {
      current += 1;
      return current;
    },
    isCurrent(ticket: number): boolean {
      return ticket === current;
    },
    /** Invalidates every ticket in flight (e.g. on unmount). */
    cancel(): void {
      current += 1;
    },
  };
}

export type Latest = ReturnType<typeof createLatest>;
