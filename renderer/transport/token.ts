/** Where the browser-mode token lives for the tab's lifetime (never in the URL once read). */
export const TOKEN_KEY = 'sesame.token';

export interface TokenEnv {
  location: { hash: string; pathname: string; search: string };
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  history: Pick<History, 'replaceState' | 'state'>;
}

/** `#token=abc&x=1` → `abc`; anything else → null. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token && token.trim() ? token.trim() : null;
}

/**
 * Reads the token the server printed in the fragment, keeps it in sessionStorage and clears the
 * fragment at once so that it never stays in the address bar, history or a screenshot.
 */
export function takeToken(env: TokenEnv): string | null {
  const fromHash = tokenFromHash(env.location.hash);
  if (fromHash) {
    env.storage.setItem(TOKEN_KEY, fromHash);
    env.history.replaceState(env.history.state, '', env.location.pathname + env.location.search);
    return fromHash;
  }
  return env.storage.getItem(TOKEN_KEY);
}
