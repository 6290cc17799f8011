// `sesame-service`: runs the account service and administers it.
//   sesame-service [serve] [--port N] [--host 127.0.0.1] [--data DIR] [--public-url URL] [--log] [--trust-proxy]
//   sesame-service school add --uai UAI --name NAME --departement NN [--json]
//   sesame-service school rotate-token --uai UAI
//   sesame-service departement open NN --from YYYY-MM-DD
//   sesame-service departement list [--json]
//   sesame-service messages [--json]
//   sesame-service openapi
// Storage: DATABASE_URL (a PostgreSQL server) or PGlite in --data (default ./data/service).
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../shared/clock';
import { addSchool, listDepartements, openDepartement, rotateSchoolToken } from './src/admin';
import { buildService } from './src/app';
import { openDb } from './src/db/open';
import type { Db } from './src/db/types';
import { listMessages, recordingNotifier, type RecordedMessage } from './src/notifier/recording';
import { httpSmsGateway } from './src/notifier/sms';
import { smtpEmail } from './src/notifier/smtp';
import { combineNotifier } from './src/notifier/types';
import { randomToken } from './src/security/crypto';
import { randomBytes } from 'node:crypto';

const HELP = `Service de comptes Sésame

  sesame-service [serve] [--port 8080] [--host 127.0.0.1] [--data DIR] [--public-url URL] [--log] [--trust-proxy]
  sesame-service school add --uai UAI --name NOM --departement NN [--json]
  sesame-service school rotate-token --uai UAI
  sesame-service departement open NN --from AAAA-MM-JJ
  sesame-service departement list [--json]
  sesame-service messages [--json]
  sesame-service openapi

Base : DATABASE_URL (serveur PostgreSQL), sinon PGlite dans --data (défaut ./data/service).
Mails : SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER, SMTP_PASS, SMTP_FROM.
SMS : SMS_GATEWAY_URL, SMS_GATEWAY_KEY ; avec une passerelle, SESAME_CODE_KEY (clé des codes SMS,
16 caractères au moins, la même pour toutes les instances) est obligatoire.
Sans SMTP_HOST ou SMS_GATEWAY_URL, les messages sont enregistrés en base (sesame-service messages).`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    'public-url': { type: 'string' },
    log: { type: 'boolean' },
    'trust-proxy': { type: 'boolean' },
    uai: { type: 'string' },
    name: { type: 'string' },
    departement: { type: 'string' },
    from: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

const env = process.env;
const dataDir = resolve(values.data ?? env.SESAME_SERVICE_DATA ?? 'data/service');
const serverFile = join(dataDir, 'server.json');
const say = (line: string) => process.stderr.write(`${line}\n`);

interface Running {
  url: string;
  adminToken: string;
  pid: number;
}

/** A live server holding the embedded database: admin commands go through it. */
function runningServer(): Running | null {
  if (env.DATABASE_URL || !existsSync(serverFile)) return null;
  try {
    const running = JSON.parse(readFileSync(serverFile, 'utf8')) as Running;
    process.kill(running.pid, 0);
    return running;
  } catch {
    return null;
  }
}

async function viaServer<T>(running: Running, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${running.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${running.adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok) throw new Error(json.error?.message ?? `HTTP ${res.status}`);
  return json;
}

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir, ...(env.DATABASE_POOL_MAX ? { poolMax: Number(env.DATABASE_POOL_MAX) } : {}) });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function serve() {
  const port = Number(values.port ?? env.PORT ?? 8080);
  const host = values.host ?? env.HOST ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Port invalide : ${values.port}`);
  if (runningServer()) throw new Error(`Un service utilise déjà ${dataDir} : arrêtez-le d’abord.`);
  // Real SMS go out: codes must survive a restart and verify on every instance, so the key that
  // hashes them cannot be one process's random bytes.
  if (env.SMS_GATEWAY_URL && !env.SESAME_CODE_KEY) {
    throw new Error(
      'SESAME_CODE_KEY manquant : avec une passerelle SMS, définissez une clé secrète d’au moins 16 caractères, la même pour toutes les instances ' +
        '(sans elle, un redémarrage annulerait les codes envoyés et une autre instance les refuserait).',
    );
  }
  const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir, ...(env.DATABASE_POOL_MAX ? { poolMax: Number(env.DATABASE_POOL_MAX) } : {}) });
  const recording = recordingNotifier(db, systemClock);
  const email = env.SMTP_HOST
    ? smtpEmail({
        host: env.SMTP_HOST,
        port: Number(env.SMTP_PORT ?? 587),
        secure: env.SMTP_SECURE === 'true',
        ...(env.SMTP_USER ? { auth: { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } } : {}),
        from: env.SMTP_FROM ?? 'Sésame <no-reply@localhost>',
      })
    : recording;
  const sms = env.SMS_GATEWAY_URL ? httpSmsGateway(env.SMS_GATEWAY_URL, { apiKey: env.SMS_GATEWAY_KEY }) : recording;
  const adminToken = randomToken();
  const app = await buildService({
    db,
    notifier: combineNotifier(email, sms),
    config: {
      publicUrl: values['public-url'] ?? env.SESAME_PUBLIC_URL ?? `http://${host}:${port}`,
      logger: Boolean(values.log),
      adminToken,
      trustProxy: Boolean(values['trust-proxy']) || env.SESAME_TRUST_PROXY === 'true',
      ...(env.SESAME_CODE_KEY ? { codeKey: env.SESAME_CODE_KEY } : {}),
    },
  });
  const address = await app.listen({ host, port });
  if (db.kind === 'pglite') {
    writeFileSync(serverFile, JSON.stringify({ url: address.replace('0.0.0.0', '127.0.0.1'), adminToken, pid: process.pid }), { mode: 0o600 });
    chmodSync(serverFile, 0o600);
  }
  say(`Service de comptes Sésame prêt sur ${address}`);
  say(`Base : ${db.kind === 'pg' ? 'PostgreSQL (DATABASE_URL)' : `PGlite dans ${dataDir}`}`);
  say(`Codes SMS : ${env.SESAME_CODE_KEY ? 'clé SESAME_CODE_KEY' : 'clé aléatoire de ce processus (définissez SESAME_CODE_KEY pour qu’un redémarrage les garde)'}`);
  say(`Mails : ${env.SMTP_HOST ? `SMTP ${env.SMTP_HOST}` : 'enregistrés (sesame-service messages)'} ; SMS : ${env.SMS_GATEWAY_URL ? 'passerelle HTTP' : 'enregistrés (sesame-service messages)'}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await db.close();
    if (db.kind === 'pglite') rmSync(serverFile, { force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function printMessages(messages: RecordedMessage[]) {
  if (values.json) return console.log(JSON.stringify(messages, null, 2));
  if (!messages.length) return say('Aucun message enregistré.');
  for (const m of messages) console.log(`${m.at}  ${m.channel.toUpperCase()}  ${m.to}${m.subject ? `  « ${m.subject} »` : ''}\n  ${m.text.replace(/\n/g, '\n  ')}`);
}

async function main() {
  const [command = 'serve', sub, arg] = positionals;
  if (values.help || command === 'help') return console.log(HELP);
  const running = runningServer();
  switch (command) {
    case 'serve':
      return serve();
    case 'school': {
      if (sub === 'add') {
        if (!values.uai || !values.name || !values.departement) throw new Error('Usage : sesame-service school add --uai UAI --name NOM --departement NN');
        const input = { uai: values.uai, name: values.name, departement: values.departement };
        const s = running
          ? await viaServer<{ id: string; uai: string; token: string }>(running, 'POST', '/admin/v1/schools', input)
          : await withDb((db) => addSchool(db, systemClock, input));
        if (values.json) return console.log(JSON.stringify(s));
        say(`Établissement ${s.uai} enregistré. Jeton (affiché une seule fois, à saisir dans Sésame) :`);
        return console.log(s.token);
      }
      if (sub === 'rotate-token') {
        if (!values.uai) throw new Error('Usage : sesame-service school rotate-token --uai UAI');
        const token = running
          ? (await viaServer<{ token: string }>(running, 'POST', '/admin/v1/schools/rotate-token', { uai: values.uai })).token
          : await withDb((db) => rotateSchoolToken(db, values.uai!));
        say(`Nouveau jeton de ${values.uai.toUpperCase()} (l’ancien ne fonctionne plus) :`);
        return console.log(token);
      }
      break;
    }
    case 'departement': {
      if (sub === 'open') {
        if (!arg || !values.from) throw new Error('Usage : sesame-service departement open NN --from AAAA-MM-JJ');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(values.from)) throw new Error(`Date invalide « ${values.from} » : AAAA-MM-JJ attendu.`);
        const opensAt = new Date(`${values.from}T00:00:00`);
        if (running) await viaServer(running, 'POST', '/admin/v1/departements', { departement: arg, opensAt: opensAt.toISOString() });
        else await withDb((db) => openDepartement(db, arg, opensAt));
        return say(`Activation ouverte pour le département ${arg} à partir du ${values.from}.`);
      }
      if (sub === 'list') {
        const list = running
          ? (await viaServer<{ departements: { departement: string; opensAt: string }[] }>(running, 'GET', '/admin/v1/departements')).departements
          : await withDb((db) => listDepartements(db));
        if (values.json) return console.log(JSON.stringify(list));
        for (const d of list) console.log(`${d.departement}  ${d.opensAt}`);
        return;
      }
      break;
    }
    case 'messages': {
      const messages = running
        ? (await viaServer<{ messages: RecordedMessage[] }>(running, 'GET', '/admin/v1/messages')).messages
        : await withDb((db) => listMessages(db));
      return printMessages(messages);
    }
    case 'openapi': {
      const { buildOpenApi } = await import('./src/openapi');
      // The document needs the routes, not a database: nothing here runs a query. A throwaway admin
      // token makes the admin routes register so that they are documented; no server listens.
      const noDb: Db = {
        kind: 'pg',
        query: () => Promise.reject(new Error('pas de base')),
        tx: () => Promise.reject(new Error('pas de base')),
        close: async () => undefined,
      };
      const app = await buildService({ db: noDb, notifier: { email: async () => undefined, sms: async () => undefined }, config: { adminToken: randomBytes(16).toString('hex') } });
      console.log(JSON.stringify(buildOpenApi(app.sesameRoutes), null, 2));
      return app.close();
    }
  }
  throw new Error(`Commande inconnue : ${positionals.join(' ')}\n\n${HELP}`);
}

main().catch((err: Error) => {
  say(`sesame-service : ${err.message}`);
  process.exit(1);
});
