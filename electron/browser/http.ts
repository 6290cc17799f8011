// Browser mode: the same core over HTTP on 127.0.0.1, with a per-run token, push events over SSE,
// and the built renderer as static files. See BROWSER_PROTOCOL in shared/contract/bridge.ts.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { AppEvent } from '../../shared/contract';
import { BROWSER_PROTOCOL } from '../../shared/contract/bridge';
import type { Dispatcher } from '../core/dispatch';
import { CONTENT_SECURITY_POLICY } from '../main/csp';

/** Import files travel as base64 inside the JSON body. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;
export const KEEP_ALIVE_MS = 15_000;

export interface BrowserServerOptions {
  core: Dispatcher;
  /** The built renderer (dist/renderer); null serves a French notice instead. */
  staticDir: string | null;
  host?: '127.0.0.1';
  port: number;
  token: string;
  keepAliveMs?: number;
}

export interface BrowserServer {
  port: number;
  /** Where to point a browser; the token is in the fragment, never sent to the server. */
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time token comparison (hashing first makes the lengths equal). */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 1024) return false;
  return timingSafeEqual(sha256(given), sha256(expected));
}

/** DNS rebinding guard: the Host header must name the loopback address and our port. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** A POST may come from our own page (same origin) or from a non-browser client (no Origin). */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** Maps a URL path to a file inside `root`, or null when it would leave it. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const full = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  const rootResolved = path.resolve(root);
  if (full !== rootResolved && !full.startsWith(rootResolved + path.sep)) return null;
  return full;
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
    ...extra,
  });
  res.end(text);
}

const httpError = (res: ServerResponse, status: number, code: string, message: string, extra?: Record<string, string>) =>
  sendJson(res, status, { ok: false, error: { code, message } }, extra);

function sendText(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(message),
  });
  res.end(message);
}

/** Reads the body up to `limit` bytes; null when it is larger. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', (err) => {
      if (!done) {
        done = true;
        reject(err);
      }
    });
  });
}

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer (.+)$/.exec(h);
  return m ? m[1]! : null;
}

const NOT_BUILT_PAGE = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Sésame</title>
<p>L’interface de Sésame n’est pas construite. Lancez <code>npm run build</code> puis relancez le serveur.</p></html>`;

export function createBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const { core, staticDir, token } = options;
  const host = options.host ?? '127.0.0.1';
  const keepAliveMs = options.keepAliveMs ?? KEEP_ALIVE_MS;
  let port = options.port;
  const streams = new Set<ServerResponse>();

  async function handleInvoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedOrigin(req.headers.origin, port)) {
      httpError(res, 403, 'forbidden', 'Origine refusée.');
      return;
    }
    if (!tokenMatches(bearer(req), token)) {
      httpError(res, 401, 'forbidden', 'Jeton absent ou invalide : rouvrez l’adresse affichée au lancement de Sésame.');
      return;
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === null) {
      httpError(res, 413, 'invalid_input', 'Requête trop volumineuse (64 Mio au plus).', { Connection: 'close' });
      req.resume();
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      httpError(res, 400, 'invalid_input', 'Requête invalide : le corps n’est pas du JSON valide.');
      return;
    }
    const call = parsed as { name?: unknown; input?: unknown } | null;
    if (!call || typeof call !== 'object' || typeof call.name !== 'string') {
      httpError(res, 400, 'invalid_input', 'Requête invalide : il faut un objet { "name", "input" }.');
      return;
    }
    const result = await core.dispatch(call.name, call.input);
    sendJson(res, 200, result);
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (!tokenMatches(url.searchParams.get(BROWSER_PROTOCOL.tokenParam), token)) {
      httpError(res, 401, 'forbidden', 'Jeton absent ou invalide.');
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(': connecté\n\n');
    streams.add(res);
    const unsubscribe = core.subscribe((event: AppEvent) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    const timer = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs);
    timer.unref();
    const stop = () => {
      clearInterval(timer);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Méthode non autorisée.');
      return;
    }
    if (!staticDir) {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : NOT_BUILT_PAGE);
      return;
    }
    let file = resolveStaticPath(staticDir, url.pathname);
    if (file === null) {
      sendText(res, 404, 'Introuvable.');
      return;
    }
    const isFile = (p: string) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    };
    if (!isFile(file)) {
      // Client-side routes fall back to the app; a missing asset (with an extension) is a 404.
      if (path.extname(file) !== '' && url.pathname !== '/') {
        sendText(res, 404, 'Introuvable.');
        return;
      }
      file = path.join(staticDir, 'index.html');
      if (!existsSync(file)) {
        sendText(res, 404, 'Introuvable.');
        return;
      }
    }
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const isHtml = type.startsWith('text/html');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Content-Length': statSync(file).size,
      // Hashed assets may be cached; the page itself must always be fresh.
      'Cache-Control': isHtml ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  const server = http.createServer((req, res) => {
    if (!isAllowedHost(req.headers.host, port)) {
      sendText(res, 421, 'Hôte refusé : ouvrez Sésame par l’adresse 127.0.0.1 affichée au lancement.');
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    } catch {
      sendText(res, 400, 'Adresse invalide.');
      return;
    }
    if (url.pathname === BROWSER_PROTOCOL.invokePath) {
      if (req.method !== 'POST') {
        httpError(res, 405, 'invalid_input', 'Méthode non autorisée : utilisez POST.', { Allow: 'POST' });
        return;
      }
      handleInvoke(req, res).catch(() => {
        if (!res.headersSent) httpError(res, 500, 'internal', 'Erreur interne de Sésame.');
        else res.destroy();
      });
      return;
    }
    if (url.pathname === BROWSER_PROTOCOL.eventsPath) {
      if (req.method !== 'GET') {
        httpError(res, 405, 'invalid_input', 'Méthode non autorisée : utilisez GET.', { Allow: 'GET' });
        return;
      }
      handleEvents(req, res, url);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      httpError(res, 404, 'not_found', 'Adresse d’API inconnue.');
      return;
    }
    handleStatic(req, res, url);
  });
  server.requestTimeout = 0; // SSE streams stay open; bodies are bounded by size instead.
  server.headersTimeout = 30_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      port = (server.address() as AddressInfo).port;
      resolve({
        port,
        url: `http://127.0.0.1:${port}/#${BROWSER_PROTOCOL.tokenParam}=${token}`,
        close: () =>
          new Promise<void>((done) => {
            for (const s of streams) s.end();
            streams.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
