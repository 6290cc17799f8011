import type { Notifier } from './types';

/**
 * SMS through an HTTP gateway: POST {to, text} as JSON to the provider's URL (an adapter over a
 * provider's own format belongs here). Optional bearer key. Throws on a non-2xx answer.
 */
export function httpSmsGateway(url: string, options: { apiKey?: string; timeoutMs?: number } = {}): Pick<Notifier, 'sms'> {
  return {
    async sms(m) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify({ to: m.to, text: m.text }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`Passerelle SMS : réponse HTTP ${res.status}`);
    },
  };
}
