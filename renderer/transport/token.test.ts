import { describe, expect, it } from 'vitest';
import { takeToken, TOKEN_KEY, tokenFromHash } from './token';

function env(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>();
  if (stored) storage.set(TOKEN_KEY, stored);
  const replaced: string[] = [];
  return {
    storage,
    replaced,
    env: {
      location: { hash, pathname: '/', search: '' },
      storage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v) },
      history: { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => replaced.push(String(url)) },
    },
  };
}

describe('browser-mode token', () => {
  it('reads the token from the fragment, keeps it for the tab, and clears the address bar', () => {
    const e = env('#token=abc123');
    expect(takeToken(e.env)).toBe('abc123');
    expect(e.storage.get(TOKEN_KEY)).toBe('abc123');
    expect(e.replaced).toEqual(['/']);
  });

  it('falls back to the stored token after a reload, without touching the URL', () => {
    const e = env('#/eleves', 'kept');
    expect(takeToken(e.env)).toBe('kept');
    expect(e.replaced).toEqual([]);
  });

  it('returns null when there is no token at all', () => {
    expect(takeToken(env('').env)).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('#/eleves')).toBeNull();
  });
});
