#!/usr/bin/env node
// `sesame`: the command line, built by scripts/build.mjs into dist/cli.js.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('Sésame n’est pas construit : lancez « npm run build » dans le dossier du projet.');
  process.exit(1);
}
await import(cli.href);
