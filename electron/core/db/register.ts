// The register: sql.js in memory, made durable by a snapshot file plus an append-only journal
// of committed transactions. See README.md in this folder and docs/decisions/001.
import { existsSync } from 'node:fs';
import { copyFile, open, readFile, stat, truncate } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import { systemClock } from '../../../shared/clock';
import type { Clock } from '../../../shared/clock';
import { AppFailure } from '../errors';
import { applyPragmas, wrapDatabase } from './connection';
import type { Connection } from './connection';
import { dirOf, fsyncDir, replaceFileAtomically, writeFully } from './files';
import { encodeStatement, formatLine, parseJournal } from './journal';
import { acquireLock } from './lock';
import type { HeldLock } from './lock';
import { assertNotTooNew, migrate } from './migrate';
import { migrations as knownMigrations } from './migrations';
import { loadSql } from './sqljs';
import type { Register, RunResult, SqlParams, Tx, WriteOptions } from './types';

export const DEFAULT_CHECKPOINT_BYTES = 8 * 1024 * 1024;

export interface OpenRegisterOptions {
  clock?: Clock;
  /** Fold the journal into a new snapshot once it is larger than this (bytes). */
  checkpointBytes?: number;
  /** Tests only: another migration list (to test upgrades and too-new registers). */
  migrations?: readonly string[];
}

/** What opening had to repair; the app may show it. No personal data. */
export interface RegisterRecovery {
  /** Journal transactions replayed on top of the snapshot. */
  replayed: number;
  /** Bytes of an unfinished last line dropped (normal after a crash or kill). */
  droppedBytes: number;
  /** When more than a torn tail was unusable, the journal was copied here before truncation. */
  damagedJournalCopy: string | null;
  /** Migrations applied while opening. */
  migrated: number;
}

export interface DurableRegister extends Register {
  readonly recovery: RegisterRecovery;
}

const META_DDL = `CREATE TABLE IF NOT EXISTS _register_meta (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  journal_seq INTEGER NOT NULL
)`;

function closedFailure(): AppFailure {
  return new AppFailure('internal', 'Le registre est fermé.');
}

const CONTROL_SQL = /^\s*(BEGIN|COMMIT|END|VACUUM|ATTACH|DETACH)\b|^\s*ROLLBACK\s*(TRANSACTION\s*)?;?\s*$/i;

/** Tested on a whole bulk INSERT (hundreds of KB) the regex scans it all: look at the start first;
 * only a text starting with ROLLBACK needs the whole-text test. */
function isControl(sql: string): boolean {
  if (sql.length <= 200) return CONTROL_SQL.test(sql);
  const start = sql.slice(0, 200);
  return CONTROL_SQL.test(start) || (/^\s*ROLLBACK\b/i.test(start) && CONTROL_SQL.test(sql));
}

function makeTx(conn: Connection, recorded: string[] | null): Tx {
  return {
    run(sql: string, params?: SqlParams): RunResult {
      // Transaction control inside a write would desynchronise memory and journal.
      if (isControl(sql)) throw new Error(`Instruction interdite dans write() : ${sql.slice(0, 20)}`);
      const changes = conn.run(sql, params);
      // Recorded only once it succeeded: a failed statement changed nothing.
      if (recorded) recorded.push(encodeStatement(sql, params));
      return { changes };
    },
    all: (sql, params) => conn.all(sql, params),
    get: (sql, params) => conn.get(sql, params),
  };
}

function isThenable(v: unknown): boolean {
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';
}

/** Runs fn in BEGIN/COMMIT; rolls back and rethrows (unchanged) if it throws. */
function runInTransaction<T>(conn: Connection, fn: (tx: Tx) => T, recorded: string[] | null): T {
  conn.run('BEGIN');
  try {
    const result = fn(makeTx(conn, recorded));
    if (isThenable(result)) {
      throw new Error('write(fn) : fn doit être synchrone (elle a renvoyé une promesse).');
    }
    conn.run('COMMIT');
    return result;
  } catch (e) {
    try {
      conn.run('ROLLBACK');
    } catch {
      // no transaction left to roll back
    }
    throw e;
  }
}

/** A serial queue: tasks run one at a time, in call order, whether callers await or not. */
function serialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const p = tail.then(task);
    tail = p.catch(() => undefined);
    return p;
  };
}

function errCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : 'erreur inattendue';
}

function durabilityFailure(e: unknown): AppFailure {
  const code = errCode(e);
  const hint = code === 'ENOSPC' ? 'Le disque est plein. ' : '';
  return new AppFailure(
    'internal',
    `La modification n'a pas pu être enregistrée sur le disque (${code}). ${hint}Elle n'a pas été gardée : ` +
      'libérez de la place ou vérifiez le dossier du registre, puis réessayez.',
    { cause: code },
  );
}

function isSqliteImage(bytes: Uint8Array): boolean {
  const magic = 'SQLite format 3\0';
  if (bytes.length < 100) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}

function unreadable(file: string, why: string): AppFailure {
  return new AppFailure(
    'internal',
    `Le fichier du registre « ${file} » est illisible (${why}). Il n'a pas été modifié : ` +
      "restaurez une sauvegarde ou contactez l'assistance.",
  );
}

interface Loaded {
  conn: Connection;
  lastSeq: number;
  journalBytes: number;
  needsSnapshot: boolean;
  recovery: RegisterRecovery;
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Room left after the image in sql.js's in-memory file. That file is a plain array that grows by a
 * fresh 12.5 % copy whenever a write goes past its end, and an image read from disk fills it
 * exactly: the first edit that needed a new page copied the whole register (measured at 100,000
 * students: 2 s of CPU for one phone number). With room, edits fill it in place.
 */
export function roomAfterImage(bytes: number): number {
  return Math.min(64 * 1024 * 1024, Math.max(4 * 1024 * 1024, Math.floor(bytes / 8)));
}

/** True when SQLite will take the database size from the header (valid "in-header database size"),
 * so zeroed bytes after the last page are ignored rather than read as pages. */
function headerSizeIsValid(image: Uint8Array, fileBytes: number): boolean {
  if (fileBytes < 100) return false;
  const view = new DataView(image.buffer, image.byteOffset, 100);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = view.getUint32(28);
  return pages > 0 && view.getUint32(24) === view.getUint32(92) && pages * pageSize === fileBytes;
}

/**
 * Reads the snapshot straight into a buffer with room after it (see roomAfterImage), once: no
 * second copy of a file of hundreds of MB. The returned array is the image plus zeroed room when
 * SQLite will ignore the room, else the image alone.
 */
async function readSnapshot(file: string): Promise<Uint8Array | null> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const size = (await fh.stat()).size;
    // A Buffer, not a plain Uint8Array: sql.js stores the file with `data.slice()`, which copies a
    // Uint8Array (measured: 1.1 s of CPU at 100,000 students) but only views a Buffer. Buffer.alloc
    // zeroes lazily: the room costs nothing until SQLite writes there.
    const bytes = Buffer.alloc(size + roomAfterImage(size));
    let at = 0;
    while (at < size) {
      const { bytesRead } = await fh.read(bytes, at, size - at, at);
      if (bytesRead === 0) break; // shrank while reading: what was read is checked below
      at += bytesRead;
    }
    return headerSizeIsValid(bytes, at) ? bytes : bytes.subarray(0, at);
  } finally {
    await fh.close();
  }
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

/** Builds the in-memory database from the files: snapshot, then journal, then migrations. */
async function loadFromDisk(
  SQL: SqlJsStatic,
  file: string,
  migrations: readonly string[],
  clock: Clock,
): Promise<Loaded> {
  const journalPath = `${file}.journal`;
  const image = await readSnapshot(file);
  const journal = (await readIfExists(journalPath)) ?? Buffer.alloc(0);
  const recovery: RegisterRecovery = { replayed: 0, droppedBytes: 0, damagedJournalCopy: null, migrated: 0 };

  let db: Database;
  let created = false;
  if (image === null) {
    if (journal.length > 0) {
      throw new AppFailure(
        'internal',
        `Le fichier du registre « ${file} » est absent alors que son journal existe. Rien n'a été modifié : ` +
          "restaurez le fichier du registre ou contactez l'assistance.",
      );
    }
    db = new SQL.Database();
    created = true;
  } else {
    if (!isSqliteImage(image)) throw unreadable(file, "ce n'est pas un registre Sésame");
    db = new SQL.Database(image);
    try {
      db.exec('SELECT count(*) FROM sqlite_master');
    } catch (e) {
      db.close();
      throw unreadable(file, (e as Error).message);
    }
  }
  const conn = wrapDatabase(db);
  try {
    applyPragmas(db);
    assertNotTooNew(conn, migrations);
    conn.run(META_DDL);
    conn.run('INSERT OR IGNORE INTO _register_meta (id, journal_seq) VALUES (1, 0)');
    const snapshotSeq = Number(conn.get<{ s: number }>('SELECT journal_seq AS s FROM _register_meta')?.s ?? 0);

    // Replay lines newer than the snapshot. Lines at or below snapshotSeq are already in it (a crash
    // between the snapshot's rename and the journal's reset leaves them behind).
    const parsed = parseJournal(journal);
    let lastSeq = snapshotSeq;
    let keepBytes = 0;
    let damaged = parsed.dataAfterStop;
    for (const entry of parsed.entries) {
      if (entry.seq <= snapshotSeq) continue;
      if (entry.seq !== lastSeq + 1) {
        damaged = true; // a gap: this journal does not follow this snapshot
        break;
      }
      try {
        conn.run('BEGIN');
        for (const st of entry.statements) conn.run(st.sql, st.params);
        conn.run('COMMIT');
      } catch {
        try {
          conn.run('ROLLBACK');
        } catch {
          // already rolled back
        }
        damaged = true;
        break;
      }
      lastSeq = entry.seq;
      keepBytes = entry.end;
      recovery.replayed++;
    }
    if (journal.length > keepBytes) {
      if (damaged) {
        const copy = `${journalPath}.endommage-${stamp(clock.now())}`;
        await copyFile(journalPath, copy);
        recovery.damagedJournalCopy = copy;
      } else {
        recovery.droppedBytes = journal.length - parsed.validBytes;
      }
      // New lines must follow the last good one, or they would never be replayed.
      await truncate(journalPath, keepBytes);
      const fh = await open(journalPath, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
    }

    recovery.migrated = migrate(conn, migrations);
    return { conn, lastSeq, journalBytes: keepBytes, needsSnapshot: created || recovery.migrated > 0, recovery };
  } catch (e) {
    conn.close();
    throw e;
  }
}

/** Opens (or creates) the register at `file`. Takes the lock; refuses a newer or unreadable one. */
export async function openRegister(file: string, options: OpenRegisterOptions = {}): Promise<DurableRegister> {
  const clock = options.clock ?? systemClock;
  const checkpointBytes = options.checkpointBytes ?? DEFAULT_CHECKPOINT_BYTES;
  const migrations = options.migrations ?? knownMigrations;
  const fullPath = path.resolve(file);
  const journalPath = `${fullPath}.journal`;
  const dir = dirOf(fullPath);
  if (!existsSync(dir)) {
    throw new AppFailure('not_found', `Le dossier du registre « ${dir} » n'existe pas.`);
  }
  const SQL = await loadSql();
  const lock: HeldLock = acquireLock(`${fullPath}.lock`, clock.now());

  let conn: Connection;
  let lastSeq: number;
  let journalBytes: number;
  let journalFh: FileHandle | null = null;
  let recovery: RegisterRecovery;
  let closed = false;
  /** Set when memory and disk may disagree and could not be reconciled: writes are refused. */
  let broken = false;
  let checkpointQueued = false;
  const enqueue = serialQueue();

  async function writeSnapshot(): Promise<void> {
    conn.run('UPDATE _register_meta SET journal_seq = ? WHERE id = 1', [lastSeq]);
    const image = conn.db.export();
    // sql.js 1.16 exports through the backup API and keeps the connection, but older versions
    // closed and reopened it: re-apply PRAGMAs and re-prepare statements either way (cheap).
    conn.clearCache();
    applyPragmas(conn.db);
    await replaceFileAtomically(fullPath, image);
    await fsyncDir(dir);
    // Committed. Resetting the journal is only tidying: its lines are now at or below the snapshot's
    // seq and would be skipped, so a failure here loses nothing.
    try {
      await journalFh!.truncate(0);
      await journalFh!.sync();
      journalBytes = 0;
    } catch {
      // kept: retried at the next checkpoint
    }
  }

  /** After a failed durability step, make memory equal to what is on disk again. */
  async function reloadFromDisk(): Promise<void> {
    try {
      const loaded = await loadFromDisk(SQL, fullPath, migrations, clock);
      conn.close();
      conn = loaded.conn;
      lastSeq = loaded.lastSeq;
      journalBytes = loaded.journalBytes;
    } catch {
      broken = true;
    }
  }

  function assertUsable(): void {
    if (closed) throw closedFailure();
    if (broken) {
      throw new AppFailure(
        'internal',
        "Le registre n'a pas pu être enregistré et son état en mémoire n'est plus sûr. Fermez puis rouvrez Sésame : " +
          'tout ce qui a été confirmé comme enregistré sera retrouvé.',
      );
    }
  }

  async function appendJournal(recorded: string[]): Promise<void> {
    const line = formatLine(lastSeq + 1, recorded);
    const before = journalBytes;
    try {
      await writeFully(journalFh!, line);
      await journalFh!.datasync();
    } catch (e) {
      // The line may be partly or even wholly on disk: remove it so it is never replayed.
      try {
        await journalFh!.truncate(before);
        await journalFh!.sync();
      } catch {
        broken = true;
      }
      if (!broken) await reloadFromDisk();
      throw durabilityFailure(e);
    }
    lastSeq += 1;
    journalBytes += line.length;
  }

  function scheduleCheckpointIfNeeded(): void {
    if (checkpointQueued || journalBytes <= checkpointBytes) return;
    checkpointQueued = true;
    void enqueue(async () => {
      // Let the write that triggered this be acknowledged first.
      await new Promise((r) => setImmediate(r));
      checkpointQueued = false;
      if (closed || broken || journalBytes <= checkpointBytes) return;
      try {
        await writeSnapshot();
      } catch {
        // The journal still holds everything; the next write retries.
      }
    });
  }

  try {
    const loaded = await loadFromDisk(SQL, fullPath, migrations, clock);
    conn = loaded.conn;
    lastSeq = loaded.lastSeq;
    journalBytes = loaded.journalBytes;
    recovery = loaded.recovery;
    try {
      journalFh = await open(journalPath, 'a');
      if (loaded.needsSnapshot) await writeSnapshot();
    } catch (e) {
      conn.close();
      throw e instanceof AppFailure ? e : durabilityFailure(e);
    }
  } catch (e) {
    await (journalFh as FileHandle | null)?.close().catch(() => undefined);
    lock.release();
    throw e;
  }

  const register: DurableRegister = {
    path: fullPath,
    get recovery() {
      return recovery;
    },
    all(sql, params) {
      if (closed) throw closedFailure();
      return conn.all(sql, params);
    },
    get(sql, params) {
      if (closed) throw closedFailure();
      return conn.get(sql, params);
    },
    write<T>(fn: (tx: Tx) => T, opts?: WriteOptions): Promise<T> {
      const durability = opts?.durability ?? 'journal';
      return enqueue(async () => {
        assertUsable();
        const recorded: string[] | null = durability === 'journal' ? [] : null;
        const result = runInTransaction(conn, fn, recorded);
        if (recorded) {
          if (recorded.length > 0) await appendJournal(recorded);
          scheduleCheckpointIfNeeded();
        } else {
          try {
            await writeSnapshot();
          } catch (e) {
            await reloadFromDisk();
            throw durabilityFailure(e);
          }
        }
        return result;
      });
    },
    checkpoint(): Promise<void> {
      return enqueue(async () => {
        assertUsable();
        try {
          await writeSnapshot();
        } catch (e) {
          throw durabilityFailure(e);
        }
      });
    },
    close(): Promise<void> {
      return enqueue(async () => {
        if (closed) return;
        closed = true;
        try {
          if (!broken && journalBytes > 0) await writeSnapshot();
        } catch {
          // Nothing is lost: the journal is replayed at the next open.
        }
        await journalFh?.close().catch(() => undefined);
        conn.close();
        lock.release();
      });
    },
  };
  return register;
}

/** A register in memory only (tests, previews): migrations applied, writes resolve at commit. */
export async function openMemoryRegister(options: { migrations?: readonly string[] } = {}): Promise<Register> {
  const SQL = await loadSql();
  const conn = wrapDatabase(new SQL.Database());
  applyPragmas(conn.db);
  migrate(conn, options.migrations ?? knownMigrations);
  const enqueue = serialQueue();
  let closed = false;
  return {
    path: ':memory:',
    all(sql, params) {
      if (closed) throw closedFailure();
      return conn.all(sql, params);
    },
    get(sql, params) {
      if (closed) throw closedFailure();
      return conn.get(sql, params);
    },
    write<T>(fn: (tx: Tx) => T): Promise<T> {
      return enqueue(async () => {
        if (closed) throw closedFailure();
        return runInTransaction(conn, fn, null);
      });
    },
    checkpoint: () => enqueue(async () => undefined),
    close: () =>
      enqueue(async () => {
        if (closed) return;
        closed = true;
        conn.close();
      }),
  };
}

/** Size of the journal file, for diagnostics and tests. */
export async function journalSize(file: string): Promise<number> {
  try {
    return (await stat(`${path.resolve(file)}.journal`)).size;
  } catch {
    return 0;
  }
}
