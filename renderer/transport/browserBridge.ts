import type { SesameBridge } from '../../shared/contract/bridge';
import { BROWSER_PROTOCOL } from '../../shared/contract/bridge';
import type { AppEvent } from '../../shared/contract/events';
import type { AppError, Result } from '../../shared/contract/result';

export interface EventSourceLike {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface BrowserBridgeDeps {
  /** Read on each call: the token may be replaced (server restarted, new link opened). */
  token: () => string | null;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  openEvents: (url: string) => EventSourceLike;
}

const failure = (error: AppError): Result<never> => ({ ok: false, error });

const UNREACHABLE: AppError = {
  code: 'service_unavailable',
  message: 'Sésame ne répond pas. Vérifiez que le programme est toujours lancé, puis réessayez.',
};
const BAD_TOKEN: AppError = {
  code: 'forbidden',
  message:
    'Cette page n’est plus autorisée à parler à Sésame. Rouvrez-la avec le lien affiché au démarrage de Sésame.',
};

function isResult(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  const b = body as { ok: unknown; error?: unknown };
  if (b.ok === true) return 'value' in body;
  return b.ok === false && typeof b.error === 'object' && b.error !== null;
}

/** Parses one SSE `data:` payload; anything that is not an event object is ignored. */
export function parseEvent(data: string): AppEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string') {
      return value as AppEvent;
    }
  } catch {
    // A malformed line must not break the stream for the other events.
  }
  return null;
}

export interface BrowserBridge extends SesameBridge {
  /** Reopens the event stream, e.g. after the token changed. */
  reconnect(): void;
}

/** `window.sesame` for browser mode: HTTP for calls, one shared EventSource for events. */
export function createBrowserBridge(deps: BrowserBridgeDeps): BrowserBridge {
  const token = () => deps.token() ?? '';
  // One entry object per subscribe call, so subscribing the same function twice works and
  // each unsubscribe removes exactly its own entry.
  const listeners = new Set<{ fn: (event: AppEvent) => void }>();
  let source: EventSourceLike | null = null;

  const ensureSource = () => {
    if (source) return;
    const url = `${BROWSER_PROTOCOL.eventsPath}?${BROWSER_PROTOCOL.tokenParam}=${encodeURIComponent(token())}`;
    source = deps.openEvents(url);
    source.addEventListener('message', (message) => {
      const event = typeof message.data === 'string' ? parseEvent(message.data) : null;
      if (!event) return;
      for (const entry of [...listeners]) {
        try {
          entry.fn(event);
        } catch {
          // One faulty listener must not starve the others.
        }
      }
    });
  };

  const invoke = async (name: string, input: unknown): Promise<Result<unknown>> => {
    let response: Response;
    try {
      response = await deps.fetch(BROWSER_PROTOCOL.invokePath, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token()}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name, input }),
      });
    } catch {
      return failure(UNREACHABLE);
    }
    if (response.status === 401) return failure(BAD_TOKEN);
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return failure({
        code: 'internal',
        message: `Réponse illisible de Sésame (HTTP ${response.status}). Réessayez ; si cela se reproduit, redémarrez Sésame.`,
      });
    }
    if (!isResult(body)) {
      return failure({
        code: 'internal',
        message: `Réponse inattendue de Sésame (HTTP ${response.status}).`,
      });
    }
    return body;
  };

  return {
    // The server validated the output against the contract; we relay its envelope as is.
    invoke: invoke as SesameBridge['invoke'],
    reconnect() {
      if (!source) return;
      source.close();
      source = null;
      if (listeners.size > 0) ensureSource();
    },
    subscribe(listener) {
      const entry = { fn: listener };
      listeners.add(entry);
      ensureSource();
      return () => {
        listeners.delete(entry);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
