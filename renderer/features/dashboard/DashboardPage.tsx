import { href } from '../../app/router';
import { useAppStore, useRevision } from '../../app/store';
import { ErrorAlert, Loading, PageTitle } from '../../app/ui';
import { formatDateTimeFr, formatNumber, plural } from '../../lib/format';
import { useCall } from '../../transport/useCall';
import { useSyncStore } from '../sync/store';

/** What waits for the secretariat today, each with where to act: the first thing read in the morning. */
function ToDo() {
  const revision = useRevision('student', 'guardian', 'import', 'report');
  const anomalies = useCall('anomalies.summary', {}, revision);
  const reports = useCall('reports.list', { state: 'open', offset: 0, limit: 1 }, revision);
  const sync = useSyncStore((s) => s.status);
  const open = reports.data?.open ?? 0;
  const oldest = reports.data?.rows[0];
  const toFix = anomalies.data?.total ?? 0;
  return (
    <section aria-labelledby="dash-todo" className="panel">
      <h2 id="dash-todo">À faire</h2>
      <ul>
        <li data-testid="dashboard-reports">
          {open === 0 ? (
            'Aucun signalement « Ce n’est pas mon enfant » ouvert.'
          ) : (
            <a href={href({ name: 'reports' })}>
              {plural(open, 'signalement « Ce n’est pas mon enfant » ouvert', 'signalements « Ce n’est pas mon enfant » ouverts')}
              {oldest ? `, le plus ancien depuis ${oldest.ageLabel}` : ''}
            </a>
          )}
        </li>
        <li data-testid="dashboard-anomalies">
          {!anomalies.data ? (
            'Recherche des fiches à corriger…'
          ) : toFix === 0 ? (
            'Aucune fiche à corriger.'
          ) : (
            <a href={href({ name: 'anomalies' })}>{plural(toFix, 'problème à corriger avant que les parents ne le rencontrent', 'problèmes à corriger avant que les parents ne les rencontrent')}</a>
          )}
        </li>
        {sync?.configured && sync.pending > 0 && (
          <li data-testid="dashboard-sync">
            <a href={href({ name: 'sync' })}>{plural(sync.pending, 'modification à envoyer', 'modifications à envoyer')} au service de comptes</a>
          </li>
        )}
      </ul>
    </section>
  );
}

export function DashboardPage() {
  const info = useAppStore((s) => s.info);
  const infoError = useAppStore((s) => s.infoError);
  return (
    <>
      <PageTitle>Tableau de bord</PageTitle>
      <ErrorAlert message={infoError} />
      {!info ? (
        !infoError && <Loading />
      ) : (
        <>
          <ToDo />
          <section aria-labelledby="dash-counts" className="panel">
            <h2 id="dash-counts">Registre</h2>
            <dl className="stats big">
              <div className="stat">
                <dt>élèves inscrits</dt>
                <dd data-testid="dashboard-enrolled">{formatNumber(info.counts.enrolled)}</dd>
              </div>
              <div className="stat">
                <dt>élèves au total (sortis compris)</dt>
                <dd data-testid="dashboard-students">{formatNumber(info.counts.students)}</dd>
              </div>
              <div className="stat">
                <dt>responsables</dt>
                <dd data-testid="dashboard-guardians">{formatNumber(info.counts.guardians)}</dd>
              </div>
            </dl>
          </section>
          <section aria-labelledby="dash-import" className="panel">
            <h2 id="dash-import">Dernier import</h2>
            {info.lastImport ? (
              <p data-testid="dashboard-last-import">
                Le {formatDateTimeFr(info.lastImport.at) ?? info.lastImport.at} :{' '}
                {info.lastImport.fileNames.join(', ') || 'fichier sans nom'}.
              </p>
            ) : (
              <p data-testid="dashboard-last-import">Aucun import pour l’instant.</p>
            )}
            <p>
              {/* Not « Importer… »: the navigation already has a link with that name. */}
              <a className="button primary" href={href({ name: 'import' })}>
                Lancer un import
              </a>
            </p>
          </section>
          {(!info.school.uai || !info.school.name) && (
            <p className="alert alert-warning">
              Le nom ou l’UAI de l’établissement manque : il figure sur les courriers aux familles.{' '}
              <a href={href({ name: 'school' })}>Compléter la fiche</a>
            </p>
          )}
        </>
      )}
    </>
  );
}
