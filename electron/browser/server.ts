// `node dist/browser/server.js [--db PATH] [--port N] [--open]`: Sésame in a browser, on 127.0.0.1.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore, type Core } from '../core/app';
import { startBackgroundSync } from '../core/sync/background';
import { createBrowserServer, type BrowserServer } from './http';

const DEFAULT_PORT = 5180;

const USAGE = `Usage : node dist/browser/server.js [--db FICHIER] [--port N] [--open]
  --db FICHIER  registre à ouvrir (défaut : $SESAME_DB ou ~/.local/share/sesame/registre.sesame)
  --port N      port local (défaut : $SESAME_PORT ou ${DEFAULT_PORT} ; un port libre sinon)
  --open        ouvre l’adresse dans le navigateur`;

export function defaultRegisterPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SESAME_DB) return path.resolve(env.SESAME_DB);
  const dataHome = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(dataHome, 'sesame', 'registre.sesame');
}

/** The built renderer: next to this bundle (dist/browser → dist/renderer), else ./dist/renderer. */
function findStaticDir(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [process.env.SESAME_STATIC_DIR, path.join(here, '..', 'renderer'), path.resolve('dist', 'renderer')];
  for (const c of candidates) if (c && existsSync(path.join(c, 'index.html'))) return c;
  return null;
}

function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => console.error('Impossible d’ouvrir le navigateur : ouvrez l’adresse ci-dessus.'));
    child.unref();
  } catch {
    console.error('Impossible d’ouvrir le navigateur : ouvrez l’adresse ci-dessus.');
  }
}

async function main(): Promise<number> {
  let values: { db?: string; port?: string; open?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        db: { type: 'string' },
        port: { type: 'string' },
        open: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch {
    console.error(USAGE);
    return 64;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const portText = values.port ?? process.env.SESAME_PORT;
  const port = portText === undefined ? DEFAULT_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Port invalide : ${portText}\n${USAGE}`);
    return 64;
  }

  const dbPath = values.db ? path.resolve(values.db) : defaultRegisterPath();
  mkdirSync(path.dirname(dbPath), { recursive: true });

  let core: Core;
  try {
    core = await createCore({
      dbPath,
      onInternalError: (name) => console.error(`Erreur interne pendant ${name}`),
    });
  } catch (err) {
    return reportOpenError(err);
  }

  const token = randomBytes(32).toString('base64url');
  const staticDir = findStaticDir();
  let server: BrowserServer;
  try {
    server = await createBrowserServer({ core, staticDir, port, token });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) {
      await core.close();
      throw err;
    }
    // The usual port is taken (another run?): any free port will do, the address is printed.
    server = await createBrowserServer({ core, staticDir, port: 0, token });
  }

  // Sync with the account service in the background once it is set up (SESAME_SYNC_INTERVAL_MS).
  const syncEvery = Number(process.env.SESAME_SYNC_INTERVAL_MS ?? 60_000);
  const stopSync = startBackgroundSync(core, { intervalMs: Number.isFinite(syncEvery) && syncEvery >= 1_000 ? syncEvery : 60_000 });
  console.log(`Sésame est prêt : ${server.url}`);
  console.log(`Registre : ${dbPath}`);
  if (!staticDir) console.log('Interface non construite : lancez npm run build.');
  if (values.open) openInBrowser(server.url);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      stopSync();
      // Stop serving, then close the register (checkpoint and lock released).
      server
        .close()
        .then(() => core.close())
        .catch((err: unknown) => {
          console.error('Fermeture du registre incomplète.');
          if (process.env.SESAME_DEBUG === '1') console.error(err);
          process.exitCode = 1;
        })
        .finally(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log('Sésame est arrêté.');
  return Number(process.exitCode ?? 0);
}

function reportOpenError(err: unknown): number {
  const code = (err as { code?: unknown } | null)?.code;
  if (process.env.SESAME_DEBUG === '1') console.error(err);
  if (code === 'locked' && err instanceof Error) {
    console.error(err.message);
    return 3;
  }
  if (code === 'too_new' && err instanceof Error) {
    console.error(err.message);
    return 1;
  }
  console.error('Le registre n’a pas pu être ouvert.');
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (process.env.SESAME_DEBUG === '1') console.error(err);
    console.error('Sésame n’a pas pu démarrer le serveur local.');
    process.exitCode = 1;
  },
);
