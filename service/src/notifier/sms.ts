import http from 'node:http';
import https from 'node:https';
import type { Notifier } from './types';

/**
 * SMS through an HTTP gateway: POST {to, text} as JSON to the provider's URL (an adapter over a
 * provider's own format belongs here). Optional bearer key. Throws on a non-2xx answer.
 * node:http with a keep-alive agent rather than fetch: the SMS activation start waits for this
 * call, and fetch costs several times more per request (bench: `npm run bench -- --only=service`).
 */
export function httpSmsGateway(url: string, options: { apiKey?: string; timeoutMs?: number } = {}): Pick<Notifier, 'sms'> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const agent = new client.Agent({ keepAlive: true, maxSockets: 64 });
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    sms(m) {
      const body = JSON.stringify({ to: m.to, text: m.text });
      return new Promise<void>((resolve, reject) => {
        const req = client.request(
          target,
          {
            method: 'POST',
            agent,
            timeout: timeoutMs,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
            },
          },
          (res) => {
            res.resume();
            res.on('error', reject);
            res.on('end', () => {
              const status = res.statusCode ?? 0;
              if (status >= 200 && status < 300) resolve();
              else reject(new Error(`Passerelle SMS : réponse HTTP ${status}`));
            });
          },
        );
        req.on('timeout', () => req.destroy(new Error('Passerelle SMS : délai dépassé')));
        req.on('error', reject);
        req.end(body);
      });
    },
  };
}
