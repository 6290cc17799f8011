import { href } from '../../app/router';
import { useAppStore } from '../../app/store';
import { ErrorAlert, Loading, PageTitle } from '../../app/ui';
import { formatDateTimeFr, formatNumber } from '../../lib/format';

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
