// Durable file operations: atomic replacement and directory fsync.
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** fsync a directory so that a rename or a new file inside it survives a power cut. Windows
 * cannot open directories for fsync; its renames are journaled by NTFS. */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function writeFully(fh: import('node:fs/promises').FileHandle, data: Uint8Array): Promise<void> {
  let off = 0;
  while (off < data.length) {
    const { bytesWritten } = await fh.write(data, off, data.length - off);
    if (bytesWritten <= 0) throw new Error('écriture interrompue');
    off += bytesWritten;
  }
}

/**
 * Replaces `target` by `data` atomically: write `target.tmp`, fsync, rename over `target`, fsync
 * the directory. A crash leaves either the old file or the new one, never a mix.
 * `afterRename` is the commit point: errors after it are the caller's business.
 */
export async function replaceFileAtomically(target: string, data: Uint8Array): Promise<void> {
  const tmp = `${target}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await writeFully(fh, data);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fh.close();
  try {
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

export function dirOf(file: string): string {
  return path.dirname(path.resolve(file));
}
