#!/usr/bin/env node
// The account service's command (see service/README.md); built from service/cli.ts.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/service/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  console.error('sesame-service : service non construit. Lancez « npm run build » (ou « npx tsx service/cli.ts »).');
  process.exit(1);
}
await import(built.href);
