// `sesame anomalies`: every record that will block a parent, as one JSON document, for scripts
// and for checking a register before the start of the year.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../core/app';
import { anomaliesJson, scanAnomalies } from '../core/anomalies/scan';
import { CliFailure, EXIT } from './errors';
import type { CliIo } from './run';
import { USAGE } from './usage';

interface Deps {
  parse(argv: string[], options: Record<string, { type: 'string' | 'boolean' }>): { values: Record<string, unknown>; positionals: string[] };
  openCore(dbPath: string): Promise<Core>;
}

export async function anomaliesCommand(argv: string[], io: CliIo, deps: Deps): Promise<number> {
  const { values, positionals } = deps.parse(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
  const dbPath = typeof values.db === 'string' ? values.db : undefined;
  if (!dbPath || positionals.length > 0 || values.json !== true) {
    throw new CliFailure(EXIT.usage, `Usage : sesame anomalies --db REGISTRE --json\n\n${USAGE}`);
  }
  if (!existsSync(dbPath)) throw new CliFailure(EXIT.failure, `Registre introuvable : ${dbPath}`);
  const core = await deps.openCore(path.resolve(dbPath));
  let text: string;
  try {
    text = anomaliesJson(scanAnomalies(core.db));
  } finally {
    await core.close();
  }
  await io.out(`${text}\n`);
  return EXIT.ok;
}
