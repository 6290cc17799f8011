import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileSecretStore, secretsPathFor } from './secrets';
import { checkServiceUrl } from './client';

describe('file secret store', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('keeps secrets in a file only its owner can read, next to the register, and removes them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sesame-secrets-'));
    dirs.push(dir);
    const file = secretsPathFor(path.join(dir, 'registre.sesame'));
    const store = fileSecretStore(file);
    expect(await store.get('t')).toBeNull();
    await store.set('t', 'abc-123');
    await store.set('u', 'autre');
    expect(await store.get('t')).toBe('abc-123');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await store.set('t', '');
    expect(await store.get('t')).toBeNull();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ u: 'autre' });
    // No temp file left behind.
    expect(readdirSync(dir)).toEqual(['registre.sesame.secrets.json']);
  });
});

describe('service address', () => {
  it('accepts https anywhere and http only on this computer', () => {
    expect(checkServiceUrl('https://comptes.example.fr/')).toEqual({ ok: true, url: 'https://comptes.example.fr' });
    expect(checkServiceUrl(' http://127.0.0.1:8080 ')).toEqual({ ok: true, url: 'http://127.0.0.1:8080' });
    expect(checkServiceUrl('http://localhost:8080/base/')).toEqual({ ok: true, url: 'http://localhost:8080/base' });
    expect(checkServiceUrl('http://comptes.example.fr')).toMatchObject({ ok: false, message: expect.stringMatching(/https:\/\//) });
    expect(checkServiceUrl('comptes')).toMatchObject({ ok: false, message: expect.stringMatching(/invalide/) });
    expect(checkServiceUrl('https://moi:secret@comptes.example.fr')).toMatchObject({ ok: false });
  });
});
