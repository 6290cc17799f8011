// `sesame config` and `sesame sync`: set up and run the sync with the account service. The token
// is stored next to the register (mode 0600), never printed back.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../core/app';
import { CliFailure, EXIT } from './errors';
import type { CliIo } from './run';
import { USAGE } from './usage';

interface Deps {
  parse(argv: string[], options: Record<string, { type: 'string' | 'boolean' }>): { values: Record<string, unknown>; positionals: string[] };
  openCore(dbPath: string): Promise<Core>;
}

function dbOf(values: Record<string, unknown>, usage: string): string {
  const db = values.db;
  if (typeof db !== 'string' || !db) throw new CliFailure(EXIT.usage, `Il manque --db REGISTRE.\n\n${usage}`);
  if (!existsSync(db)) throw new CliFailure(EXIT.failure, `Registre introuvable : ${db}`);
  return path.resolve(db);
}

export async function configCommand(argv: string[], io: CliIo, deps: Deps): Promise<number> {
  const usage = 'Usage : sesame config --db REGISTRE --service URL [--token JETON] [--json]';
  const { values, positionals } = deps.parse(argv, { db: { type: 'string' }, service: { type: 'string' }, token: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length) throw new CliFailure(EXIT.usage, `${usage}\n\n${USAGE}`);
  const dbPath = dbOf(values, usage);
  const core = await deps.openCore(dbPath);
  try {
    const service = values.service;
    if (typeof service !== 'string') {
      // Without --service: show the settings as they are.
      const r = await core.dispatch('sync.settings.get', {});
      if (!r.ok) throw new CliFailure(EXIT.failure, r.error.message);
      await io.out(values.json ? `${JSON.stringify(r.value)}\n` : `Service : ${r.value.serviceUrl ?? 'non configuré'}\nJeton : ${r.value.tokenSet ? 'enregistré' : 'absent'}\n`);
      return EXIT.ok;
    }
    const input = typeof values.token === 'string' ? { serviceUrl: service, token: values.token } : { serviceUrl: service };
    const r = await core.dispatch('sync.settings.set', input);
    if (!r.ok) throw new CliFailure(r.error.code === 'invalid_input' ? EXIT.usage : EXIT.failure, r.error.message);
    await io.out(values.json ? `${JSON.stringify(r.value)}\n` : `Synchronisation configurée : ${r.value.serviceUrl} (jeton enregistré).\n`);
    return EXIT.ok;
  } finally {
    await core.close();
  }
}

export async function syncCommand(argv: string[], io: CliIo, deps: Deps): Promise<number> {
  const usage = 'Usage : sesame sync --db REGISTRE [--json]';
  const { values, positionals } = deps.parse(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length) throw new CliFailure(EXIT.usage, `${usage}\n\n${USAGE}`);
  const dbPath = dbOf(values, usage);
  const core = await deps.openCore(dbPath);
  try {
    const r = await core.dispatch('sync.run', {});
    if (!r.ok) throw new CliFailure(EXIT.failure, r.error.message);
    const { pushed, applied, duplicates, conflicts, rejected, pulled } = r.value;
    const counts = { pushed, applied, duplicates, conflicts, rejected, pulled };
    if (values.json) await io.out(`${JSON.stringify(counts)}\n`);
    else {
      await io.out(
        `Envoyées : ${pushed} (appliquées ${applied}, déjà reçues ${duplicates}, conflits ${conflicts}, refusées ${rejected})\n` +
          `Reçues du service : ${pulled}\nEn attente : ${r.value.pending}\n`,
      );
    }
    // Stopped early (service down, token refused): what went through is printed, the reason on stderr.
    if (r.value.error) {
      io.err(`${r.value.error}\n`);
      return EXIT.failure;
    }
    return EXIT.ok;
  } finally {
    await core.close();
  }
}
