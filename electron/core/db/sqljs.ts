// Loads sql.js once per process. The wasm file is found without relying on how this code is
// run: from sources (tsx, vitest), from an ESM bundle or from a CJS bundle (Electron main), where
// `import.meta.url` may be empty. Reading the bytes ourselves (wasmBinary) avoids sql.js's own
// fetch/locateFile logic, which differs between Node and browsers.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import { AppFailure } from '../errors';

const WASM_NAME = 'sql-wasm.wasm';

/** Where the wasm may be, most specific first. Exported for tests. */
export function wasmCandidates(): string[] {
  const out: string[] = [];
  const fromEnv = process.env.SESAME_SQL_WASM;
  if (fromEnv) out.push(fromEnv);
  // Next to the bundle (the build copies it there), whatever the module format.
  if (typeof __dirname === 'string') out.push(path.join(__dirname, WASM_NAME));
  const metaUrl = typeof import.meta === 'object' && import.meta ? import.meta.url : undefined;
  const bases: string[] = [];
  if (typeof metaUrl === 'string' && metaUrl) bases.push(metaUrl);
  if (typeof __filename === 'string') bases.push(__filename);
  bases.push(path.join(process.cwd(), 'package.json'));
  for (const base of bases) {
    try {
      out.push(createRequire(base).resolve(`sql.js/dist/${WASM_NAME}`));
    } catch {
      // not resolvable from there: try the next base
    }
  }
  if (typeof metaUrl === 'string' && metaUrl.startsWith('file:')) {
    out.push(path.join(path.dirname(new URL(metaUrl).pathname), WASM_NAME));
  }
  return out;
}

let sqlPromise: Promise<SqlJsStatic> | undefined;
let loaded: SqlJsStatic | undefined;

/** The module once `loadSql()` has resolved (its raw exports serve the bulk SQL path). */
export function loadedSql(): SqlJsStatic | undefined {
  return loaded;
}

export function loadSql(): Promise<SqlJsStatic> {
  if (!sqlPromise) {
    sqlPromise = (async () => {
      const candidates = wasmCandidates();
      const found = candidates.find((p) => existsSync(p));
      if (!found) {
        throw new AppFailure(
          'internal',
          `Composant de base de données sql-wasm.wasm introuvable (cherché dans : ${candidates.join(', ')}). ` +
            'Définissez SESAME_SQL_WASM ou placez le fichier à côté du programme.',
        );
      }
      const bytes = readFileSync(found);
      const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      loaded = await initSqlJs({ wasmBinary });
      return loaded;
    })();
    // A failed load must not poison the process for good (e.g. env fixed and retried).
    sqlPromise.catch(() => {
      sqlPromise = undefined;
    });
  }
  return sqlPromise;
}
