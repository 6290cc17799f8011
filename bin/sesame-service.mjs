#!/usr/bin/env node
// The account service's command (see service/README.md); built from service/cli.ts.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/service/cli.js', import.meta.url));
if (!existsSync(built)) {
  console.error('sesame-service : service non construit. Lancez « npm run build » (ou « npx tsx service/cli.ts »).');
  process.exit(1);
}
await import(built);
