import { useEffect } from 'react';
import { plural } from '../../lib/format';
import { lastSyncLabel, pendingLabel } from './labels';
import { startSyncStatus, useSyncStore } from './store';

/** The bottom bar of the app: what waits for the account service, when it last went through, offline. */
export function SyncStatusBar() {
  const status = useSyncStore((s) => s.status);
  useEffect(() => startSyncStatus(), []);
  return (
    <footer className="status-bar">
      <p role="status" aria-label="État de la synchronisation" data-testid="sync-status">
        {!status ? (
          <span>Synchronisation : état inconnu</span>
        ) : !status.configured ? (
          <span>Synchronisation non configurée</span>
        ) : (
          <>
            <span data-testid="sync-pending">{pendingLabel(status.pending)}</span>
            <span>{lastSyncLabel(status)}</span>
            {status.running && <span>Synchronisation en cours…</span>}
            {status.online === false && <span className="badge badge-warning">Hors ligne</span>}
            {status.conflicts > 0 && (
              <span className="badge badge-error">
                {plural(status.conflicts, 'conflit à arbitrer', 'conflits à arbitrer')}
              </span>
            )}
          </>
        )}
      </p>
    </footer>
  );
}
