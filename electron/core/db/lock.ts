// One process owns a register at a time: PATH.lock holds the owner's pid, host and start time.
// A lock left by a dead process on this computer (crash, kill) is taken over.
import { closeSync, fsyncSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import { AppFailure } from '../errors';

export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

export interface HeldLock {
  readonly path: string;
  release(): void;
}

// Locks held by this process, so that a second open in the same process is refused and the
// locks are released when the process exits normally.
const held = new Map<string, string>();
let exitHookInstalled = false;

function releaseAllOnExit(): void {
  for (const [lockPath, content] of held) removeIfOurs(lockPath, content);
  held.clear();
}

function removeIfOurs(lockPath: string, content: string): void {
  try {
    if (readFileSync(lockPath, 'utf8') === content) unlinkSync(lockPath);
  } catch {
    // already gone, or unreadable: nothing of ours to remove
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process not yet reaped by its parent (zombie) still answers signal 0 on Linux.
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state === 'Z' || state === 'X') return false;
    } catch {
      // no /proc: trust the signal
    }
  }
  return true;
}

function readLock(lockPath: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockInfo>;
    if (typeof info.pid === 'number' && typeof info.host === 'string') {
      return { pid: info.pid, host: info.host, startedAt: String(info.startedAt ?? '') };
    }
  } catch {
    // empty or half-written lock (owner killed while writing it): treated as stale
  }
  return null;
}

function lockedFailure(lockPath: string, info: LockInfo): AppFailure {
  if (info.host !== os.hostname()) {
    return new AppFailure(
      'locked',
      `Ce registre est déjà ouvert sur un autre poste (${info.host}). Fermez Sésame sur ce poste puis réessayez. ` +
        `Si ce poste est éteint ou hors service, supprimez le fichier « ${lockPath} ».`,
      { pid: info.pid, host: info.host, since: info.startedAt },
    );
  }
  return new AppFailure(
    'locked',
    `Ce registre est déjà ouvert par une autre fenêtre ou un autre programme Sésame (processus ${info.pid}). ` +
      'Fermez-le puis réessayez.',
    { pid: info.pid, host: info.host, since: info.startedAt },
  );
}

export function acquireLock(lockPath: string, now: Date): HeldLock {
  const info: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: now.toISOString() };
  const content = JSON.stringify(info);
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new AppFailure('internal', `Impossible de créer le fichier de verrou « ${lockPath} » : ${(e as Error).message}`);
      }
      const owner = readLock(lockPath);
      if (owner) {
        const ours = owner.pid === process.pid && owner.host === info.host;
        if (ours && held.has(lockPath)) throw lockedFailure(lockPath, owner);
        if (!ours && (owner.host !== info.host || isProcessAlive(owner.pid))) throw lockedFailure(lockPath, owner);
      }
      // Stale: its owner is gone. Remove it and try again ('wx' arbitrates between racers).
      try {
        unlinkSync(lockPath);
      } catch {
        // someone else removed it first
      }
      continue;
    }
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    held.set(lockPath, content);
    if (!exitHookInstalled) {
      process.on('exit', releaseAllOnExit);
      exitHookInstalled = true;
    }
    return {
      path: lockPath,
      release() {
        if (held.get(lockPath) !== content) return;
        held.delete(lockPath);
        removeIfOurs(lockPath, content);
      },
    };
  }
  throw new AppFailure('internal', `Impossible de prendre le verrou « ${lockPath} » : il change sans cesse. Réessayez.`);
}
