// Where secrets (the school token) live: never in the register, logs, errors or call output.
// The default store is a JSON file next to the register readable by its owner only; Electron
// injects one encrypted with safeStorage (electron/main/secrets.ts).
import { randomBytes } from 'node:crypto';
import { chmod, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface SecretStore {
  get(name: string): Promise<string | null>;
  /** An empty value removes the secret. */
  set(name: string, value: string): Promise<void>;
}

/** `registre.sesame` → `registre.sesame.secrets.json`. */
export const secretsPathFor = (dbPath: string): string => `${dbPath}.secrets.json`;

async function readJson(file: string): Promise<Record<string, string>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    // An unreadable file is as good as empty: the person types the token again.
    return {};
  }
}

/** Writes `text` atomically to `file` with mode 0600 (temp file created exclusive, fsync, rename). */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // The umask may have narrowed nothing but widened nothing either: be explicit.
    await chmod(tmp, 0o600);
    await rename(tmp, file);
    await chmod(file, 0o600);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Secrets in a file only its owner can read (browser mode, CLI, tests). */
export function fileSecretStore(file: string): SecretStore {
  return {
    async get(name) {
      const all = await readJson(file);
      const v = all[name];
      return typeof v === 'string' && v !== '' ? v : null;
    },
    async set(name, value) {
      const all = await readJson(file);
      if (value === '') delete all[name];
      else all[name] = value;
      await writePrivateFile(file, `${JSON.stringify(all)}\n`);
    },
  };
}

/** Secrets kept in memory (tests of code that must not touch the disk). */
export function memorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const all = new Map(Object.entries(initial));
  return {
    get: async (name) => all.get(name) ?? null,
    set: async (name, value) => {
      if (value === '') all.delete(name);
      else all.set(name, value);
    },
  };
}
