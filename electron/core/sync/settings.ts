// Sync settings: the service address in the register, the school token in the secret store.
import type { SyncSettings } from '../../../shared/contract/sync';
import type { CoreContext } from '../context';
import { AppFailure } from '../errors';
import { checkServiceUrl } from './client';
import { fileSecretStore, secretsPathFor, type SecretStore } from './secrets';
import { readSyncState, updateSyncState } from './state';

export const TOKEN_SECRET = 'sync.schoolToken';

export const secretsOf = (ctx: CoreContext): SecretStore => ctx.secrets ?? fileSecretStore(secretsPathFor(ctx.db.path));

export async function getSettings(ctx: CoreContext): Promise<SyncSettings> {
  const state = readSyncState(ctx.db);
  return { serviceUrl: state.service_url, tokenSet: (await secretsOf(ctx).get(TOKEN_SECRET)) !== null };
}

export async function setSettings(ctx: CoreContext, input: { serviceUrl: string; token?: string | undefined }): Promise<SyncSettings> {
  const url = checkServiceUrl(input.serviceUrl);
  if (!url.ok) throw new AppFailure('invalid_input', url.message, { field: 'serviceUrl', fields: [{ field: 'serviceUrl', code: 'invalid', message: url.message }] });
  const token = input.token?.trim() ?? '';
  if (token && !/^[\x21-\x7e]{8,500}$/.test(token)) {
    const message = 'Jeton de l’établissement : il a la forme d’une longue suite de lettres et de chiffres, sans espace (copiez-le tel quel).';
    throw new AppFailure('invalid_input', message, { field: 'token', fields: [{ field: 'token', code: 'invalid', message }] });
  }
  const secrets = secretsOf(ctx);
  if (!token && (await secrets.get(TOKEN_SECRET)) === null) {
    const message = 'Jeton de l’établissement : obligatoire la première fois (il est donné par l’administrateur du service de comptes).';
    throw new AppFailure('invalid_input', message, { field: 'token', fields: [{ field: 'token', code: 'required', message }] });
  }
  if (token) await secrets.set(TOKEN_SECRET, token);
  const previous = readSyncState(ctx.db).service_url;
  await ctx.db.write((tx) => {
    const now = ctx.clock.now().toISOString();
    // Another service means another feed: read it from its start.
    updateSyncState(tx, previous === url.url ? { service_url: url.url, last_error: null } : { service_url: url.url, feed_cursor: null, last_error: null }, now);
  });
  ctx.emit({ type: 'sync.changed' });
  return getSettings(ctx);
}

/** Address and token, or null when sync is not set up yet. */
export async function connection(ctx: CoreContext): Promise<{ url: string; token: string } | null> {
  const url = readSyncState(ctx.db).service_url;
  if (!url) return null;
  const token = await secretsOf(ctx).get(TOKEN_SECRET);
  return token ? { url, token } : null;
}
