import type { AppEvent } from './events';
import type { CallName, Input, Output } from './index';
import type { Result } from './result';

/**
 * The only surface the renderer sees: `window.sesame`. Electron's preload provides it over IPC;
 * browser mode provides the same object over HTTP + SSE (see BROWSER_PROTOCOL).
 */
export interface SesameBridge {
  invoke<N extends CallName>(name: N, input: Input<N>): Promise<Result<Output<N>>>;
  subscribe(listener: (event: AppEvent) => void): () => void;
}

/**
 * Browser mode, over 127.0.0.1 only:
 * - the server prints `http://127.0.0.1:PORT/#token=TOKEN`; the renderer reads the token from the
 *   fragment (never sent to the server in a URL), keeps it in sessionStorage and clears the fragment;
 * - `POST /api/invoke` with `Authorization: Bearer TOKEN`, body `{ "name", "input" }` → a Result
 *   envelope as JSON (HTTP 200 even for a failed call; 401 for a bad token);
 * - `GET /api/events?token=TOKEN` → Server-Sent Events, each `data:` line one AppEvent as JSON.
 */
export const BROWSER_PROTOCOL = {
  invokePath: '/api/invoke',
  eventsPath: '/api/events',
  tokenParam: 'token',
} as const;

/** IPC channel names (Electron). */
export const IPC = {
  invoke: 'sesame:invoke',
  event: 'sesame:event',
} as const;
