import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/clock';
import { AppFailure } from '../errors';
import { migrations } from './migrations';
import { openMemoryRegister, openRegister, roomAfterImage } from './register';
import type { Register } from './types';

const dirs: string[] = [];
const open: Register[] = [];

function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'sesame-db-'));
  dirs.push(d);
  return d;
}

async function track<R extends Register>(p: Promise<R>): Promise<R> {
  const r = await p;
  open.push(r);
  return r;
}

afterEach(async () => {
  for (const r of open.splice(0)) await r.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** What a kill at this instant would leave on disk: snapshot + journal copied elsewhere, no lock. */
function crashCopy(file: string): string {
  const dir = tempDir();
  const target = path.join(dir, 'copie.sesame');
  copyFileSync(file, target);
  if (existsSync(`${file}.journal`)) copyFileSync(`${file}.journal`, `${target}.journal`);
  return target;
}

const addStaff = (r: Register, name: string) =>
  r.write((tx) => tx.run('INSERT INTO staff (id, name, created_at) VALUES (?, ?, ?)', [name, name, '2026-09-01']));

const staffNames = (r: Register) => r.all<{ name: string }>('SELECT name FROM staff ORDER BY name').map((x) => x.name);

async function expectFailure(p: Promise<unknown>, code: string): Promise<AppFailure> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppFailure);
  expect((err as AppFailure).code).toBe(code);
  return err as AppFailure;
}

describe('openRegister', () => {
  it('creates a register with the schema, and keeps commits across close and reopen', async () => {
    const file = path.join(tempDir(), 'ecole.sesame');
    const r = await openRegister(file);
    expect(r.get<{ user_version: number }>('PRAGMA user_version')?.user_version).toBe(migrations.length);
    expect(r.get<{ foreign_keys: number }>('PRAGMA foreign_keys')?.foreign_keys).toBe(1);
    await addStaff(r, 'Mme Martin');
    expect(statSync(`${file}.journal`).size).toBeGreaterThan(0);
    await r.close();
    expect(statSync(`${file}.journal`).size).toBe(0); // folded into the snapshot on close
    expect(existsSync(`${file}.lock`)).toBe(false);
    const again = await track(openRegister(file));
    expect(staffNames(again)).toEqual(['Mme Martin']);
    expect(again.recovery.migrated).toBe(0);
  });

  it('enforces foreign keys and returns the number of changed rows', async () => {
    const r = await track(openRegister(path.join(tempDir(), 'r.sesame')));
    await addStaff(r, 'A');
    const changes = await r.write((tx) => tx.run("UPDATE staff SET active = 0 WHERE name = 'A'").changes);
    expect(changes).toBe(1);
    await expect(
      r.write((tx) =>
        tx.run('INSERT INTO guardianship (id, student_id, guardian_id, created_at) VALUES (?, ?, ?, ?)', ['g', 'x', 'y', 'z']),
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('rolls back when fn throws, logs nothing, and rethrows the same error', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    const r = await track(openRegister(file));
    await addStaff(r, 'A');
    const before = statSync(`${file}.journal`).size;
    const failure = new AppFailure('conflict', 'Modifié entre-temps');
    const err = await r
      .write((tx) => {
        tx.run('INSERT INTO staff (id, name, created_at) VALUES (?, ?, ?)', ['B', 'B', 'x']);
        throw failure;
      })
      .catch((e: unknown) => e);
    expect(err).toBe(failure);
    expect(staffNames(r)).toEqual(['A']);
    expect(statSync(`${file}.journal`).size).toBe(before);
    // An async fn would commit before its work is done: refused.
    await expect(r.write((async () => 1) as never)).rejects.toThrow(/synchrone/);
    await addStaff(r, 'C'); // still usable
    const c = await track(openRegister(crashCopy(file)));
    expect(staffNames(c)).toEqual(['A', 'C']);
  });

  it('replays the journal after a crash, with blobs and named parameters', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    const r = await track(openRegister(file));
    for (let i = 0; i < 20; i++) await addStaff(r, `p${String(i).padStart(2, '0')}`);
    const blob = new Uint8Array([1, 2, 3, 0, 250]);
    await r.write((tx) =>
      tx.run('INSERT INTO mapping_memory (header_key, mapping, updated_at) VALUES (:k, :m, :u)', { ':k': 'h', ':m': blob, ':u': 'x' }),
    );
    const copy = await track(openRegister(crashCopy(file)));
    expect(copy.recovery.replayed).toBe(21);
    expect(staffNames(copy)).toHaveLength(20);
    expect(copy.get<{ mapping: Uint8Array }>('SELECT mapping FROM mapping_memory')?.mapping).toEqual(blob);
  });

  it('drops a torn last line and keeps appending after the good ones', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    const r = await track(openRegister(file));
    await addStaff(r, 'A');
    await addStaff(r, 'B');
    const copy = crashCopy(file);
    const j = readFileSync(`${copy}.journal`);
    writeFileSync(`${copy}.journal`, j.subarray(0, j.length - 7)); // cut inside the last line
    const c1 = await openRegister(copy);
    expect(staffNames(c1)).toEqual(['A']);
    expect(c1.recovery.droppedBytes).toBeGreaterThan(0);
    expect(c1.recovery.damagedJournalCopy).toBeNull();
    await addStaff(c1, 'C');
    const after = crashCopy(copy);
    await c1.close();
    const c2 = await track(openRegister(after));
    expect(staffNames(c2)).toEqual(['A', 'C']);
  });

  it('stops replay at a line with a bad checksum and keeps a copy of the damaged journal', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    const r = await track(openRegister(file));
    for (const n of ['A', 'B', 'C']) await addStaff(r, n);
    const copy = crashCopy(file);
    const j = Buffer.from(readFileSync(`${copy}.journal`));
    const secondLine = j.indexOf(0x0a) + 1;
    j[secondLine + 30] = j[secondLine + 30]! ^ 0x01;
    writeFileSync(`${copy}.journal`, j);
    const c = await track(openRegister(copy));
    expect(staffNames(c)).toEqual(['A']);
    expect(c.recovery.damagedJournalCopy).not.toBeNull();
    expect(readFileSync(c.recovery.damagedJournalCopy!)).toEqual(j);
  });

  it('applies nothing twice after a crash between the snapshot rename and the journal reset', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    const r = await track(openRegister(file));
    // Not idempotent on purpose: applying a line twice would show.
    for (let i = 0; i < 5; i++) await r.write((tx) => tx.run("UPDATE school SET name = name || 'x'"));
    const oldJournal = readFileSync(`${file}.journal`);
    await r.checkpoint();
    expect(statSync(`${file}.journal`).size).toBe(0);
    await r.write((tx) => tx.run("UPDATE school SET name = name || 'y'"));
    const copy = crashCopy(file);
    // The old lines reappear before the new one, as if the reset had never happened.
    writeFileSync(`${copy}.journal`, Buffer.concat([oldJournal, readFileSync(`${copy}.journal`)]));
    const c = await track(openRegister(copy));
    expect(c.get<{ name: string }>('SELECT name FROM school')?.name).toBe('xxxxxy');
    expect(c.recovery.damagedJournalCopy).toBeNull();
    expect(c.recovery.replayed).toBe(1);
  });

  it('writes a bulk import as a snapshot: all of it after a crash, journal empty', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    const r = await track(openRegister(file));
    await addStaff(r, 'A');
    await r.write(
      (tx) => {
        for (let i = 0; i < 2000; i++) {
          tx.run('INSERT INTO student (id, last_name, first_name, match_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [
            `s${i}`, 'N', 'P', `k${i}`, 't', 't',
          ]);
        }
      },
      { durability: 'snapshot' },
    );
    expect(statSync(`${file}.journal`).size).toBe(0);
    await addStaff(r, 'B');
    const c = await track(openRegister(crashCopy(file)));
    expect(c.get<{ n: number }>('SELECT count(*) AS n FROM student')?.n).toBe(2000);
    expect(staffNames(c)).toEqual(['A', 'B']);
  });

  it('serialises writes that are not awaited', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    const r = await track(openRegister(file));
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        r.write((tx) => {
          tx.run("UPDATE school SET name = name || ?", [`${i},`]);
          return i;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 30 }, (_, i) => i));
    const expected = Array.from({ length: 30 }, (_, i) => `${i},`).join('');
    expect(r.get<{ name: string }>('SELECT name FROM school')?.name).toBe(expected);
    const c = await track(openRegister(crashCopy(file)));
    expect(c.get<{ name: string }>('SELECT name FROM school')?.name).toBe(expected);
  });

  it('checkpoints by itself when the journal grows past checkpointBytes', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    const r = await track(openRegister(file, { checkpointBytes: 2000 }));
    for (let i = 0; i < 40; i++) await addStaff(r, `n${i}`);
    await r.checkpoint(); // waits for any queued automatic checkpoint too
    const snapshotSeq = r.get<{ s: number }>('SELECT journal_seq AS s FROM _register_meta')?.s;
    expect(snapshotSeq).toBe(40);
    await addStaff(r, 'last');
    expect(statSync(`${file}.journal`).size).toBeLessThan(2000);
    const c = await track(openRegister(crashCopy(file)));
    expect(staffNames(c)).toHaveLength(41);
  });

  it('rejects a write whose snapshot cannot be written, and does not keep it in memory', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    const r = await track(openRegister(file));
    await addStaff(r, 'A');
    mkdirSync(`${file}.tmp`); // the temporary snapshot cannot be created
    const err = await expectFailure(
      r.write((tx) => tx.run('INSERT INTO staff (id, name, created_at) VALUES (?, ?, ?)', ['B', 'B', 'x']), {
        durability: 'snapshot',
      }),
      'internal',
    );
    expect(err.message).toMatch(/n'a pas pu être enregistrée/);
    expect(staffNames(r)).toEqual(['A']);
    rmSync(`${file}.tmp`, { recursive: true });
    await addStaff(r, 'C');
    const c = await track(openRegister(crashCopy(file)));
    expect(staffNames(c)).toEqual(['A', 'C']);
  });

  it('refuses a second open of the same register in the same process', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    await track(openRegister(file));
    const err = await expectFailure(openRegister(file), 'locked');
    expect(err.message).toMatch(/déjà ouvert par une autre fenêtre ou un autre programme Sésame \(processus \d+\)/);
  });

  it('refuses a lock held by a live process, and takes over one left by a dead process', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    await (await openRegister(file)).close();
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
    try {
      writeFileSync(`${file}.lock`, JSON.stringify({ pid: live.pid, host: os.hostname(), startedAt: 'x' }));
      const err = await expectFailure(openRegister(file), 'locked');
      expect(err.message).toContain(`processus ${live.pid}`);
      expect(existsSync(`${file}.lock`)).toBe(true); // not stolen
    } finally {
      live.kill('SIGKILL');
      await new Promise((res) => live.once('exit', res));
    }
    // The same pid is now dead: the lock is stale.
    const r = await track(openRegister(file));
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).pid).toBe(process.pid);
    expect(r.path).toBe(path.resolve(file));
  });

  it('takes over an empty lock file (owner killed while writing it)', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    writeFileSync(`${file}.lock`, '');
    await track(openRegister(file));
  });

  it('refuses a register made by a newer Sésame without touching it', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    const newer = [...migrations, 'CREATE TABLE future (a)'];
    await (await openRegister(file, { migrations: newer })).close();
    const bytes = readFileSync(file);
    const err = await expectFailure(openRegister(file), 'too_new');
    expect(err.message).toContain(`schéma ${newer.length}`);
    expect(err.message).toContain('Mettez Sésame à jour');
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('applies each migration once, and snapshots right after migrating', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    await (await openRegister(file)).close();
    const next = [...migrations, "INSERT INTO staff (id, name, created_at) VALUES ('m', 'migrated', 'x')"];
    const r1 = await openRegister(file, { migrations: next });
    expect(r1.recovery.migrated).toBe(1);
    const copy = crashCopy(file); // the migration must already be on disk
    await r1.close();
    const r2 = await track(openRegister(file, { migrations: next }));
    expect(r2.recovery.migrated).toBe(0);
    expect(staffNames(r2)).toEqual(['migrated']);
    const c = await track(openRegister(copy, { migrations: next }));
    expect(c.recovery.migrated).toBe(0);
    expect(staffNames(c)).toEqual(['migrated']);
  });

  it('replays journal lines on the schema that wrote them, then migrates', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    const r = await track(openRegister(file));
    await addStaff(r, 'A');
    const copy = crashCopy(file); // journal line says INSERT INTO staff
    const next = [...migrations, 'ALTER TABLE staff RENAME TO staff_member'];
    const c = await track(openRegister(copy, { migrations: next }));
    expect(c.recovery).toMatchObject({ replayed: 1, migrated: 1, damagedJournalCopy: null });
    expect(c.all('SELECT name FROM staff_member')).toEqual([{ name: 'A' }]);
    expect(statSync(`${copy}.journal`).size).toBe(0); // folded into the migrated snapshot
  });

  it('refuses a file that is not a register and leaves it as it was', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    writeFileSync(file, 'nom;prénom\nDupont;Jean\n');
    const err = await expectFailure(openRegister(file), 'internal');
    expect(err.message).toMatch(/illisible/);
    expect(readFileSync(file, 'utf8')).toBe('nom;prénom\nDupont;Jean\n');
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('refuses a journal whose register file has disappeared', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    const r = await track(openRegister(file));
    await addStaff(r, 'A');
    const copy = crashCopy(file);
    rmSync(copy);
    const err = await expectFailure(openRegister(copy), 'internal');
    expect(err.message).toMatch(/absent alors que son journal existe/);
    expect(existsSync(copy)).toBe(false);
  });

  it('records the lock start time from the clock', async () => {
    const file = path.join(tempDir(), 'r.sesame');
    await track(openRegister(file, { clock: fixedClock('2026-09-01T08:00:00.000Z') }));
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).startedAt).toBe('2026-09-01T08:00:00.000Z');
  });
});

describe('openMemoryRegister', () => {
  it('has the schema and behaves like a register without files', async () => {
    const r = await track(openMemoryRegister());
    await addStaff(r, 'A');
    await expect(
      r.write((tx) => {
        tx.run('INSERT INTO staff (id, name, created_at) VALUES (?, ?, ?)', ['B', 'B', 'x']);
        throw new Error('non');
      }),
    ).rejects.toThrow('non');
    expect(staffNames(r)).toEqual(['A']);
    expect(r.path).toBe(':memory:');
  });
  it('opens with room after the image, and the room never reaches the disk nor the pages', async () => {
    const file = path.join(tempDir(), 'place.sesame');
    const r1 = await openRegister(file);
    await r1.write((tx) => tx.run('CREATE TABLE big (k INTEGER PRIMARY KEY, v TEXT)'));
    await r1.write((tx) => {
      for (let i = 0; i < 2000; i++) tx.run('INSERT INTO big (k, v) VALUES (?, ?)', [i, 'x'.repeat(200)]);
    }, { durability: 'snapshot' });
    await r1.close();
    const before = statSync(file).size;
    expect(roomAfterImage(before)).toBeGreaterThan(0);

    // Edits after reopening grow the database into the room; the snapshot stays the pages only.
    const r2 = await openRegister(file);
    expect(r2.get<{ n: number }>('SELECT count(*) AS n FROM big')?.n).toBe(2000);
    const pagesAtOpen = r2.get<{ page_count: number }>('PRAGMA page_count')?.page_count ?? 0;
    for (let i = 2000; i < 2100; i++) await r2.write((tx) => tx.run('INSERT INTO big (k, v) VALUES (?, ?)', [i, 'y'.repeat(300)]));
    expect(Object.values(r2.get('PRAGMA integrity_check') ?? {})).toEqual(['ok']);
    const pages = r2.get<{ page_count: number }>('PRAGMA page_count')?.page_count ?? 0;
    const pageSize = r2.get<{ page_size: number }>('PRAGMA page_size')?.page_size ?? 0;
    expect(pages).toBeGreaterThan(pagesAtOpen);
    await r2.close();
    expect(statSync(file).size).toBe(pages * pageSize);

    const r3 = await openRegister(file);
    expect(Object.values(r3.get('PRAGMA integrity_check') ?? {})).toEqual(['ok']);
    expect(r3.get<{ n: number }>('SELECT count(*) AS n FROM big')?.n).toBe(2100);
    await r3.close();
  });
});
