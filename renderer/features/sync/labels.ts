import type { AccountView, SyncStatus } from '../../../shared/contract/sync';
import { formatDateTimeFr } from '../../lib/format';

export function pendingLabel(n: number): string {
  if (n === 0) return 'Aucune modification en attente';
  return n === 1 ? '1 modification en attente' : `${n.toLocaleString('fr-FR')} modifications en attente`;
}

export function lastSyncLabel(status: Pick<SyncStatus, 'lastSyncAt'>): string {
  return `Dernière synchronisation : ${formatDateTimeFr(status.lastSyncAt) ?? 'jamais'}`;
}

export const ACCOUNT_STATE_LABELS: Record<AccountView['state'], string> = {
  none: 'jamais activé',
  notified: 'notifié',
  activated: 'activé',
  blocked: 'bloqué',
  merged: 'regroupé avec un autre compte',
};
