import { useEffect, useState, type FormEvent } from 'react';
import type { SyncConflict, SyncRunOutput, SyncSettings } from '../../../shared/contract/sync';
import { ErrorAlert, Item, Loading, PageTitle } from '../../app/ui';
import { formatDateTimeFr, plural } from '../../lib/format';
import { call, errorMessage } from '../../transport/call';
import { useCall } from '../../transport/useCall';
import { lastSyncLabel, pendingLabel } from './labels';
import { useSyncStore } from './store';

function SettingsForm({ settings, onSaved }: { settings: SyncSettings; onSaved: () => void }) {
  const [url, setUrl] = useState(settings.serviceUrl ?? '');
  const [token, setToken] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setSaving(true);
    setError(null);
    try {
      await call('sync.settings.set', token.trim() ? { serviceUrl: url, token } : { serviceUrl: url });
      setToken('');
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="panel form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="sync-settings-title">
      <h2 id="sync-settings-title">Service de comptes</h2>
      <ErrorAlert message={error} />
      <div className="field">
        <label htmlFor="sync-url">Adresse du service de comptes</label>
        <input
          id="sync-url"
          type="url"
          value={url}
          required
          aria-required="true"
          maxLength={500}
          autoComplete="url"
          aria-describedby="sync-url-help"
          onChange={(e) => setUrl(e.target.value)}
        />
        <p id="sync-url-help" className="muted small">
          Par exemple https://comptes.ac-exemple.fr (donnée par l’administrateur du service).
        </p>
      </div>
      <div className="field">
        <label htmlFor="sync-token">Jeton de l’établissement</label>
        <input
          id="sync-token"
          type="password"
          value={token}
          maxLength={500}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="sync-token-help"
          onChange={(e) => setToken(e.target.value)}
        />
        <p id="sync-token-help" className="muted small">
          {settings.tokenSet
            ? 'Un jeton est enregistré (il n’est jamais réaffiché). Laissez vide pour le garder.'
            : 'Aucun jeton enregistré. Il est gardé chiffré sur cet ordinateur, jamais dans le registre.'}
        </p>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          Enregistrer
        </button>
        {saved && (
          <span role="status" className="success-text">
            Réglages enregistrés.
          </span>
        )}
      </div>
    </form>
  );
}

function runSummary(r: SyncRunOutput): string {
  const parts = [
    // As « en attente » counted them before the run (not each send: see SyncRunOutput.sent).
    `${plural(r.sent, 'modification envoyée', 'modifications envoyées')}`,
    `${plural(r.pulled, 'nouvelle reçue', 'nouvelles reçues')}`,
  ];
  if (r.duplicates) parts.push(plural(r.duplicates, 'déjà reçue par le service', 'déjà reçues par le service'));
  if (r.conflicts) parts.push(plural(r.conflicts, 'conflit', 'conflits'));
  if (r.rejected) parts.push(plural(r.rejected, 'refusée', 'refusées'));
  return `Synchronisation terminée : ${parts.join(', ')}.`;
}

function StatusPanel() {
  const status = useSyncStore((s) => s.status);
  const refresh = useSyncStore((s) => s.refresh);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setRunning(true);
    setResult(null);
    setError(null);
    try {
      const r = await call('sync.run', {});
      if (r.error) setError(r.error);
      else setResult(runSummary(r));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setRunning(false);
      void refresh();
    }
  };

  if (!status) return <Loading />;
  return (
    <section className="panel" aria-labelledby="sync-status-title">
      <h2 id="sync-status-title">État</h2>
      <dl className="dl">
        <Item term="À envoyer">{pendingLabel(status.pending)}</Item>
        <Item term="Dernière synchronisation">{lastSyncLabel(status).replace('Dernière synchronisation : ', '')}</Item>
        <Item term="Service">{status.online === null ? 'pas encore contacté' : status.online ? 'joignable' : 'hors ligne'}</Item>
        {/* Just said in the alert below after « Synchroniser maintenant »: not twice. */}
        {status.lastError && status.lastError !== error && <Item term="Dernier problème">{status.lastError}</Item>}
      </dl>
      <ErrorAlert message={error} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void run()} disabled={running || !status.configured}>
          Synchroniser maintenant
        </button>
        {running && <span role="status">Synchronisation en cours…</span>}
        {result && (
          <span role="status" className="success-text">
            {result}
          </span>
        )}
        {!status.configured && <span className="muted">Enregistrez d’abord l’adresse du service et le jeton.</span>}
      </div>
    </section>
  );
}

function ConflictCard({ c, onResolved }: { c: SyncConflict; onResolved: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = `conflict-${c.id}`;
  const resolve = async (keep: 'local' | 'server') => {
    setBusy(true);
    setError(null);
    try {
      await call('sync.conflicts.resolve', { id: c.id, keep });
      onResolved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="conflict">
      <h3 id={titleId}>{c.label}</h3>
      <p className="muted small">Détecté le {formatDateTimeFr(c.createdAt)}</p>
      {c.serverDeleted ? (
        <p>Le service n’a plus cet enregistrement.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Valeurs en conflit pour {c.label}</caption>
          <thead>
            <tr>
              <th scope="col">Champ</th>
              <th scope="col">Dans Sésame</th>
              <th scope="col">Sur le service</th>
            </tr>
          </thead>
          <tbody>
            {c.fields.map((f) => (
              <tr key={f.field}>
                <th scope="row">{f.label}</th>
                <td>{f.local ?? <span className="muted">vide</span>}</td>
                <td>{f.server ?? <span className="muted">vide</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorAlert message={error} />
      <div className="actions" role="group" aria-labelledby={titleId}>
        <button type="button" className="primary" disabled={busy} onClick={() => void resolve('local')}>
          Garder la valeur de Sésame
        </button>
        <button type="button" disabled={busy || (c.serverDeleted && c.entity !== 'guardianship')} onClick={() => void resolve('server')}>
          Garder la valeur du service
        </button>
      </div>
    </li>
  );
}

function Conflicts() {
  const revision = useSyncStore((s) => s.revision);
  const synced = useSyncStore((s) => s.status?.lastSyncAt != null);
  const refresh = useSyncStore((s) => s.refresh);
  const { data, error } = useCall('sync.conflicts.list', {}, revision);
  if (!data) return <ErrorAlert message={error?.message} />;
  return (
    <>
      <section className="panel" aria-labelledby="sync-conflicts-title">
        <h2 id="sync-conflicts-title">Conflits à arbitrer ({data.conflicts.length})</h2>
        {data.conflicts.length === 0 ? (
          <p>{synced ? 'Aucun conflit : Sésame et le service sont d’accord.' : 'Aucun conflit.'}</p>
        ) : (
          <>
            <p>Ces fiches ont été modifiées des deux côtés. Choisissez la valeur à garder ; elle sera envoyée au service.</p>
            <ul className="plain-list">
              {data.conflicts.map((c) => (
                <ConflictCard key={c.id} c={c} onResolved={() => void refresh()} />
              ))}
            </ul>
          </>
        )}
      </section>
      {data.rejected.length > 0 && (
        <section className="panel" aria-labelledby="sync-rejected-title">
          <h2 id="sync-rejected-title">Modifications refusées par le service ({data.rejected.length})</h2>
          <p>Corrigez la fiche : la prochaine synchronisation renverra la fiche corrigée.</p>
          <ul>
            {data.rejected.map((r) => (
              <li key={r.id}>
                <strong>{r.label}</strong> : {r.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export function SyncPage() {
  const refresh = useSyncStore((s) => s.refresh);
  const [settingsKey, setSettingsKey] = useState(0);
  const { data: settings, error } = useCall('sync.settings.get', {}, settingsKey);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <>
      <PageTitle>Synchronisation</PageTitle>
      <p>
        Sésame envoie au service de comptes les élèves, les responsables et leurs corrections, et en reçoit l’état des comptes
        des parents et les signalements « ce n’est pas mon enfant ».
      </p>
      <ErrorAlert message={error?.message} />
      {settings ? (
        <SettingsForm
          settings={settings}
          onSaved={() => {
            setSettingsKey((k) => k + 1);
            void refresh();
          }}
        />
      ) : (
        !error && <Loading />
      )}
      <StatusPanel />
      <Conflicts />
    </>
  );
}
