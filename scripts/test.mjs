#!/usr/bin/env node
// `npm test`: every check, in the order a failure is cheapest to read. Prints one closing line
// "tests: N passed, N failed" so CI reads a count, not only an exit code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';

const results = { passed: 0, failed: 0 };
const failures = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n── ${label} ──`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failures.push(`${label} (exit ${r.status ?? r.signal})`);
  return r.status === 0;
}

const canConnect = (port, host = '127.0.0.1') =>
  new Promise((resolve) => {
    const s = net.connect({ port, host }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
    s.setTimeout(1000, () => {
      s.destroy();
      resolve(false);
    });
  });

mkdirSync('test-results', { recursive: true });

// Static checks count as one check each.
for (const [label, cmd, args] of [
  ['Vérification des types (tsc)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['Lint (eslint, règles d’import)', 'npx', ['eslint', '.']],
  ['Build', 'node', ['scripts/build.mjs']],
  ['Analyse de sécurité Electron (electronegativity)', 'node', ['scripts/scan-electron.mjs']],
]) {
  if (run(label, cmd, args)) results.passed++;
  else results.failed++;
}

const env = {};
if (!process.env.SESAME_TEST_DATABASE_URL) {
  if (await canConnect(5432)) env.SESAME_TEST_DATABASE_URL = 'postgres://sesame:sesame@127.0.0.1:5432/sesame_test';
  else if (process.env.CI) {
    failures.push('PostgreSQL absent (lancez scripts/setup-system.sh)');
    results.failed++;
  } else console.warn('PostgreSQL absent : les tests du service ne tournent que sur PGlite.');
}

rmSync('test-results/vitest.json', { force: true });
run('Tests unitaires et d’intégration (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json'], env);
if (existsSync('test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  results.passed += v.numPassedTests ?? 0;
  results.failed += (v.numFailedTests ?? 0) + (v.numFailedTestSuites ?? 0);
} else results.failed++;

rmSync('test-results/e2e.json', { force: true });
run('Tests de bout en bout (Playwright, Chromium)', 'npx', ['playwright', 'test'], env);
if (existsSync('test-results/e2e.json')) {
  const e = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'));
  results.passed += e.stats?.expected ?? 0;
  results.failed += (e.stats?.unexpected ?? 0) + (e.stats?.flaky ?? 0);
  if ((e.errors ?? []).length) results.failed++;
} else results.failed++;

if (failures.length) console.log(`\nÉchecs : ${failures.join(' ; ')}`);
console.log(`\ntests: ${results.passed} passed, ${results.failed} failed`);
process.exit(failures.length || results.failed ? 1 : 0);
