// A write whose journal line cannot reach the disk (here: a file-size limit, like a full disk) is
// refused with a French message, is not kept in memory, and leaves the files readable with every
// acknowledged write in them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openRegister } from '../../electron/core/db/register';
import { bundleRegisterChild } from './helpers/register-bundle';

const here = path.dirname(fileURLToPath(import.meta.url));
const work = mkdtempSync(path.join(os.tmpdir(), 'sesame-full-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.runIf(process.platform === 'linux')('register on a full disk', () => {
  it('refuses the write that does not fit, keeps memory equal to the disk, loses nothing acknowledged', async () => {
    const childJs = await bundleRegisterChild(path.join(here, 'helpers/register-disk-full-child.ts'), work);
    const file = path.join(work, 'ecole.sesame');
    await (await openRegister(file)).close();
    // The limit is per file: the journal may grow to 16 KiB (32 blocks of 512 bytes), and the
    // snapshot, already bigger, can no longer be rewritten (so close() cannot checkpoint either).
    expect(statSync(file).size).toBeGreaterThan(32 * 1024);
    const res = spawnSync('/bin/sh', ['-c', 'ulimit -f 32; exec "$0" "$1" "$2"', process.execPath, childJs, file], {
      cwd: work,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.stderr).not.toMatch(/FAIL/);
    const lines = res.stdout.trim().split('\n');
    const acked = lines.filter((l) => l.startsWith('ACK')).map((l) => Number(l.split(' ')[1]));
    const rejected = lines.find((l) => l.startsWith('REJECTED'));
    expect(acked.length).toBeGreaterThan(3);
    expect(rejected).toBeDefined();
    expect(rejected).toContain('internal');
    expect(rejected).toContain("n'a pas pu être enregistrée sur le disque (EFBIG)");
    expect(lines).toContain('IN_MEMORY 0');
    expect(lines).toContain(`TOTAL ${acked.length}`);
    expect(lines).toContain('CLOSED');

    const reg = await openRegister(file);
    try {
      expect(reg.recovery.damagedJournalCopy).toBeNull();
      const names = reg.all<{ name: string }>("SELECT name FROM staff WHERE name LIKE 'd-%'").map((r) => r.name);
      expect(names.sort()).toEqual(acked.map((i) => `d-${i}`).sort());
    } finally {
      await reg.close();
    }
  }, 90_000);
});
