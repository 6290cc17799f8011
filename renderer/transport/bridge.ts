import type { SesameBridge } from '../../shared/contract/bridge';
import { createBrowserBridge } from './browserBridge';
import { takeToken } from './token';

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
  const token = takeToken({ location: window.location, storage: window.sessionStorage, history: window.history });
  bridge = createBrowserBridge({
    token,
    fetch: (url, init) => window.fetch(url, init),
    openEvents: (url) => new EventSource(url),
  });
  return bridge;
}

export function getBridge(): SesameBridge {
  return bridge ?? installBridge();
}
