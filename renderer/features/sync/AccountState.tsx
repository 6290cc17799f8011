import { formatDateFr } from '../../lib/format';
import { useCall } from '../../transport/useCall';
import { ACCOUNT_STATE_LABELS } from './labels';
import { useSyncStore } from './store';

/** « Compte : activé » on a guardian's page, as the account service last reported it. */
export function AccountState({ guardianId }: { guardianId: string }) {
  const revision = useSyncStore((s) => s.revision);
  const { data, loading } = useCall('sync.account', { guardianId }, revision);
  if (loading && data === null) return null;
  const state = data ? ACCOUNT_STATE_LABELS[data.state] : ACCOUNT_STATE_LABELS.none;
  return (
    <p className="account-state" data-testid="account-state">
      Compte : <strong>{state}</strong>
      {data?.state === 'activated' && data.activationPath && (
        <span className="muted"> ({data.activationPath === 'letter' ? 'par courrier' : 'par SMS'})</span>
      )}
      {data?.emailValidated && <span className="muted"> — courriel validé</span>}
      {data?.state === 'notified' && data.letterExpiresAt && (
        <span className="muted"> — courrier valable jusqu’au {formatDateFr(data.letterExpiresAt.slice(0, 10))}</span>
      )}
    </p>
  );
}
