// The school token in Electron: encrypted with the OS keychain through safeStorage, stored next to
// the register (mode 0600). The core sees only the SecretStore interface.
import { readFile } from 'node:fs/promises';
import type { SafeStorage } from 'electron';
import { writePrivateFile, type SecretStore } from '../core/sync/secrets';

/** `registre.sesame` → `registre.sesame.secrets.enc.json`: base64 ciphertexts by name. */
export function safeStorageSecretStore(safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>, file: string): SecretStore {
  const readAll = async (): Promise<Record<string, string>> => {
    try {
      const v: unknown = JSON.parse(await readFile(file, 'utf8'));
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {};
    } catch {
      return {};
    }
  };
  return {
    async get(name) {
      const enc = (await readAll())[name];
      if (typeof enc !== 'string' || !safeStorage.isEncryptionAvailable()) return null;
      try {
        return safeStorage.decryptString(Buffer.from(enc, 'base64'));
      } catch {
        // Another user's or machine's keychain: the token must be typed again.
        return null;
      }
    },
    async set(name, value) {
      const all = await readAll();
      if (value === '') delete all[name];
      else {
        if (!safeStorage.isEncryptionAvailable()) throw new Error('safeStorage unavailable');
        all[name] = safeStorage.encryptString(value).toString('base64');
      }
      await writePrivateFile(file, `${JSON.stringify(all)}\n`);
    },
  };
}
