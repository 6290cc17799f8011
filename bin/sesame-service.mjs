#!/usr/bin/env node
// `sesame-service`: the account service, built by scripts/build.mjs into dist/service/cli.js.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/service/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('Le service de comptes n’est pas construit : lancez « npm run build » dans le dossier du projet.');
  process.exit(1);
}
await import(cli.href);
