#!/usr/bin/env node
// Builds every runnable piece of Sésame into dist/: Electron main + preload (CommonJS), the
// browser-mode server, the CLIs and the bench (Node ESM), then the renderer with Vite.
// `--if-needed` skips the work when every output is newer than every source file.
// Runs as `prepare`, so it must work on a fresh clone right after `npm ci`.

import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...p) => path.join(root, ...p);
const args = process.argv.slice(2);
const ifNeeded = args.includes('--if-needed');
/** `--only=cli,browser`: build just these pieces (tests that need one bundle). */
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
const PIECES = ['main', 'preload', 'browser', 'cli', 'service', 'bench', 'renderer'];

for (const a of args) {
  const known = a === '--if-needed' || (a.startsWith('--only=') && [...only].every((p) => PIECES.includes(p)));
  if (!known) {
    console.error(`build: option inconnue ${a} (options : --if-needed, --only=${PIECES.join(',')})`);
    process.exit(64);
  }
}
const wanted = (piece) => only === null || only.has(piece);

// CJS bundles get `import.meta.url` back (esbuild leaves it empty in CJS output), under a name
// no source file uses.
const cjsBanner = "const __sesameImportMetaUrl = require('node:url').pathToFileURL(__filename).href;";

/** Node ESM bundle of our code; npm packages stay external (present at runtime). */
const nodeEsm = (piece, entry, outfile, needsWasm = true) => ({
  piece,
  entry,
  outfile,
  needsWasm,
  options: {
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
  },
});

const targets = [
  {
    piece: 'main',
    entry: 'electron/main/main.ts',
    outfile: 'dist/main/main.cjs',
    needsWasm: true,
    options: {
      format: 'cjs',
      platform: 'node',
      target: 'node22',
      packages: 'external',
      external: ['electron'],
      banner: { js: cjsBanner },
      define: { 'import.meta.url': '__sesameImportMetaUrl' },
    },
  },
  {
    // A sandboxed preload may only require('electron'): everything else is inlined, one file.
    piece: 'preload',
    entry: 'electron/preload/preload.ts',
    outfile: 'dist/preload/preload.cjs',
    needsWasm: false,
    onlyExternal: ['electron'],
    options: { format: 'cjs', platform: 'node', target: 'chrome130', external: ['electron'] },
  },
  nodeEsm('browser', 'electron/browser/server.ts', 'dist/browser/server.js'),
  nodeEsm('cli', 'electron/cli.ts', 'dist/cli.js'),
  nodeEsm('service', 'service/cli.ts', 'dist/service/cli.js', false),
  nodeEsm('bench', 'test/bench/bench.ts', 'dist/bench/bench.js'),
].filter((t) => wanted(t.piece) && existsSync(at(t.entry)));

const rendererOut = 'dist/renderer/index.html';
const hasRenderer = wanted('renderer') && existsSync(at('vite.config.ts')) && existsSync(at('renderer/index.html'));
const wasmSource = at('node_modules/sql.js/dist/sql-wasm.wasm');

// ---- --if-needed: newest source vs oldest output -------------------------------------------

function newestMtime(dir) {
  let newest = 0;
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop();
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const full = path.join(current, e.name);
      if (e.isDirectory()) stack.push(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}

function isUpToDate() {
  const outputs = targets.map((t) => t.outfile);
  if (hasRenderer) outputs.push(rendererOut);
  let oldestOutput = Infinity;
  for (const out of outputs) {
    if (!existsSync(at(out))) return false;
    oldestOutput = Math.min(oldestOutput, statSync(at(out)).mtimeMs);
  }
  const sourceDirs = ['electron', 'renderer', 'shared', 'service', 'test/bench'];
  const sourceFiles = ['vite.config.ts', 'scripts/build.mjs', 'package.json', 'tsconfig.json'];
  let newestSource = 0;
  for (const d of sourceDirs) newestSource = Math.max(newestSource, newestMtime(at(d)));
  for (const f of sourceFiles) if (existsSync(at(f))) newestSource = Math.max(newestSource, statSync(at(f)).mtimeMs);
  return newestSource < oldestOutput;
}

// ---- build -----------------------------------------------------------------------------------

async function buildBundles() {
  const esbuild = await import('esbuild');
  for (const t of targets) {
    const started = Date.now();
    const result = await esbuild.build({
      entryPoints: [at(t.entry)],
      outfile: at(t.outfile),
      bundle: true,
      sourcemap: 'linked',
      logLevel: 'error',
      metafile: Boolean(t.onlyExternal),
      ...t.options,
    });
    if (t.onlyExternal) {
      const imported = new Set();
      for (const output of Object.values(result.metafile.outputs)) {
        for (const imp of output.imports) if (imp.external) imported.add(imp.path);
      }
      const extra = [...imported].filter((p) => !t.onlyExternal.includes(p));
      if (extra.length) throw new Error(`${t.outfile} must only require ${t.onlyExternal.join(', ')}; found ${extra.join(', ')}`);
    }
    if (t.needsWasm) {
      // The register looks for sql-wasm.wasm next to the bundle (or $SESAME_SQL_WASM).
      copyFileSync(wasmSource, path.join(path.dirname(at(t.outfile)), 'sql-wasm.wasm'));
    }
    console.log(`build: ${t.outfile} (${Date.now() - started} ms)`);
  }
}

async function buildRenderer() {
  const started = Date.now();
  const vite = await import('vite');
  await vite.build({ root, configFile: at('vite.config.ts'), logLevel: 'warn' });
  console.log(`build: dist/renderer (${Date.now() - started} ms)`);
}

try {
  if (ifNeeded && isUpToDate()) {
    console.log('build: à jour');
  } else {
    mkdirSync(at('dist'), { recursive: true });
    await buildBundles();
    if (hasRenderer) await buildRenderer();
    else if (wanted('renderer')) console.warn('build: renderer/index.html ou vite.config.ts absent, interface non construite');
  }
} catch (err) {
  // esbuild has already printed located errors; keep the rest short.
  console.error(`build: échec : ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  if (process.env.SESAME_DEBUG === '1') console.error(err);
  process.exit(1);
}
