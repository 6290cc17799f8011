// Sync with the account service: settings (the token never comes back out), status for the status
// bar, a run on demand, and the conflicts staff resolve by choosing a value.
import { z } from 'zod';
import { read, write } from './define';

export const SyncSettings = z.object({
  serviceUrl: z.string().nullable(),
  /** Whether a school token is stored; the token itself is never returned. */
  tokenSet: z.boolean(),
});
export type SyncSettings = z.infer<typeof SyncSettings>;

export const SyncSettingsInput = z.object({
  serviceUrl: z.string().trim().min(1, 'adresse du service obligatoire').max(500),
  /** Absent or empty: keep the stored token. */
  token: z.string().trim().max(500).optional(),
});

export const SyncCounts = z.object({
  pushed: z.number().int(),
  applied: z.number().int(),
  duplicates: z.number().int(),
  conflicts: z.number().int(),
  rejected: z.number().int(),
  pulled: z.number().int(),
});
export type SyncCounts = z.infer<typeof SyncCounts>;

export const SyncRunOutput = SyncCounts.extend({
  /** Changes still waiting (service unreachable, held by a conflict). */
  pending: z.number().int(),
  /** Changes waiting when the run started that no longer wait, counted as `pending` counts them
   * (`pushed` counts sends: a student goes again after its new guardian). */
  sent: z.number().int(),
  /** Why the run stopped early (service down, token refused), in French; null when it went through. */
  error: z.string().nullable(),
  online: z.boolean(),
});
export type SyncRunOutput = z.infer<typeof SyncRunOutput>;

export const SyncStatus = z.object({
  configured: z.boolean(),
  serviceUrl: z.string().nullable(),
  /** Outbox entries not yet accepted by the service. */
  pending: z.number().int(),
  /** Conflicts waiting for a person's choice. */
  conflicts: z.number().int(),
  /** Changes the service refused (reason kept on each). */
  rejected: z.number().int(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** null: not tried since Sésame started. */
  online: z.boolean().nullable(),
  running: z.boolean(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncConflictField = z.object({
  field: z.string(),
  label: z.string(),
  local: z.string().nullable(),
  server: z.string().nullable(),
});

export const SyncConflict = z.object({
  id: z.string(),
  entity: z.enum(['student', 'guardian', 'guardianship']),
  entityId: z.string(),
  /** "DUPONT Marie (6A)", "Mme MARTIN Claire". */
  label: z.string(),
  createdAt: z.string(),
  /** The fields whose values differ between Sésame and the service. */
  fields: z.array(SyncConflictField),
  /** The service no longer has this record. */
  serverDeleted: z.boolean(),
});
export type SyncConflict = z.infer<typeof SyncConflict>;

export const SyncRejection = z.object({
  id: z.string(),
  entity: z.string(),
  entityId: z.string(),
  label: z.string(),
  reason: z.string(),
  at: z.string(),
});
export type SyncRejection = z.infer<typeof SyncRejection>;

/** A guardian's account on the service, as last reported by the feed. */
export const AccountView = z.object({
  state: z.enum(['none', 'notified', 'activated', 'blocked', 'merged']),
  activationPath: z.enum(['letter', 'sms']).nullable(),
  emailValidated: z.boolean(),
  letterExpiresAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type AccountView = z.infer<typeof AccountView>;

export const syncContract = {
  'sync.settings.get': read(z.object({}), SyncSettings),
  'sync.settings.set': write(SyncSettingsInput, SyncSettings),
  'sync.status': read(z.object({}), SyncStatus),
  /** Kind 'read' on purpose: it waits on the network and must not hold the write queue; its own
   * writes are short transactions. Concurrent runs share one. */
  'sync.run': read(z.object({}), SyncRunOutput),
  'sync.conflicts.list': read(z.object({}), z.object({ conflicts: z.array(SyncConflict), rejected: z.array(SyncRejection) })),
  /** null: the service has reported nothing about this guardian yet. */
  'sync.account': read(z.object({ guardianId: z.string().min(1).max(100) }), AccountView.nullable()),
  'sync.conflicts.resolve': write(z.object({ id: z.string().min(1).max(100), keep: z.enum(['local', 'server']) }), z.object({ resolved: z.literal(true) })),
} as const;
