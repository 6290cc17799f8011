export interface Limit {
  max: number;
  windowMs: number;
}

export interface RateLimiter {
  /** Counts one hit; false when `key` already spent `limit.max` hits in the current window. */
  hit(bucket: string, key: string, limit: Limit, nowMs: number): boolean;
}

/** Fixed windows in memory: per process, which is enough for one service instance. */
export function createRateLimiter(maxKeys = 100_000): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(bucket, key, limit, nowMs) {
      const k = `${bucket}\u0000${key}`;
      let w = windows.get(k);
      if (!w || nowMs - w.start >= limit.windowMs) {
        if (!w && windows.size >= maxKeys) sweep(windows, nowMs, limit.windowMs);
        w = { start: nowMs, count: 0 };
        windows.set(k, w);
      }
      w.count++;
      return w.count <= limit.max;
    },
  };
}

function sweep(windows: Map<string, { start: number }>, nowMs: number, windowMs: number) {
  for (const [k, w] of windows) if (nowMs - w.start >= windowMs) windows.delete(k);
  // Still full (an attack from many sources): forget the oldest half rather than grow forever.
  if (windows.size >= 100_000) [...windows.keys()].slice(0, windows.size / 2).forEach((k) => windows.delete(k));
}
