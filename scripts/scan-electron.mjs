#!/usr/bin/env node
// Runs Electronegativity over the Electron-facing code (electron/main, electron/preload and the
// renderer's index.html) and fails on any finding of HIGH or CRITICAL severity.
// The scanner takes one input folder and its global checks (navigation limits, CSP, permission
// handler) need main and preload together, so they are copied side by side into a temp folder.
// The Electron version is given explicitly so that it never goes to the network.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FAILING = new Set(['HIGH', 'CRITICAL']);

/** Minimal CSV line parser (quoted fields, doubled quotes). */
function parseCsvLine(line) {
  const out = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field.trim());
      field = '';
    } else field += c;
  }
  out.push(field.trim());
  return out;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'sesame-scan-'));
try {
  const input = path.join(work, 'app');
  for (const dir of ['electron/main', 'electron/preload']) {
    const target = path.join(input, path.basename(dir));
    mkdirSync(target, { recursive: true });
    for (const f of readdirSync(path.join(root, dir))) {
      if (/\.ts$/.test(f) && !/\.test\.ts$/.test(f)) cpSync(path.join(root, dir, f), path.join(target, f));
    }
  }
  if (existsSync(path.join(root, 'renderer/index.html'))) {
    cpSync(path.join(root, 'renderer/index.html'), path.join(input, 'index.html'));
  }
  const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const csv = path.join(work, 'findings.csv');
  const bin = path.join(root, 'node_modules/.bin', process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity');
  execFileSync(bin, ['-i', input, '-o', csv, '-r', '-e', electronVersion, '-v', 'false'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });

  const lines = readFileSync(csv, 'utf8').split(/\r?\n/).filter(Boolean);
  const [header, ...rows] = lines.map(parseCsvLine);
  const col = (name) => header.indexOf(name);
  const findings = rows.filter((r) => r.length >= header.length).map((r) => ({
    issue: r[col('issue')],
    severity: r[col('severity')],
    confidence: r[col('confidence')],
    file: r[col('filename')],
    location: r[col('location')],
    description: r[col('description')],
  }));
  for (const f of findings) {
    console.log(`${f.severity.padEnd(8)} ${f.confidence.padEnd(9)} ${f.issue} ${f.file}:${f.location} ${f.description}`);
  }
  const failing = findings.filter((f) => FAILING.has(f.severity.toUpperCase()));
  console.log(`electronegativity : ${findings.length} constat(s), ${failing.length} de gravité haute ou critique.`);
  process.exitCode = failing.length ? 1 : 0;
} catch (err) {
  console.error(`electronegativity : échec du scan : ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  process.exitCode = 2;
} finally {
  if (process.env.SESAME_DEBUG !== '1') rmSync(work, { recursive: true, force: true });
}
