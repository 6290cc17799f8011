import type { SesameBridge } from '../../shared/contract/bridge';
import { createBrowserBridge } from './browserBridge';
import { takeToken, tokenFromHash } from './token';

declare global {
  interface Window {
    sesame?: SesameBridge;
  }
}

let bridge: SesameBridge | null = null;

/**
 * Chooses the pipe once, at start-up: Electron's preload has already set `window.sesame`;
 * otherwise this is browser mode and we install the HTTP + SSE bridge.
 * Must run before the router reads `location.hash`, since the token arrives in the fragment.
 */
export function installBridge(): SesameBridge {
  if (bridge) return bridge;
  if (window.sesame) {
    bridge = window.sesame;
    return bridge;
  }
  const env = { location: window.location, storage: window.sessionStorage, history: window.history };
  let token = takeToken(env);
  const browserBridge = createBrowserBridge({
    token: () => token,
    fetch: (url, init) => window.fetch(url, init),
    openEvents: (url) => new EventSource(url),
  });
  // A new `#token=` link opened in this tab (the server was restarted) only changes the fragment:
  // take the new token at once. Registered before the router's listener, so the router never
  // sees the token.
  window.addEventListener('hashchange', () => {
    if (!tokenFromHash(window.location.hash)) return;
    token = takeToken(env);
    browserBridge.reconnect();
  });
  bridge = browserBridge;
  return bridge;
}

export function getBridge(): SesameBridge {
  return bridge ?? installBridge();
}
