import { useEffect, type MouseEvent } from 'react';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { GuardianPage } from '../features/guardians/GuardianPage';
import { GuardiansPage } from '../features/guardians/GuardiansPage';
import { ImportPage } from '../features/import/ImportPage';
import { LettersPage } from '../features/letters/LettersPage';
import { SchoolPage } from '../features/school/SchoolPage';
import { SyncPage } from '../features/sync/SyncPage';
import { SyncStatusBar } from '../features/sync/SyncStatusBar';
import { StudentPage } from '../features/students/StudentPage';
import { StudentsPage } from '../features/students/StudentsPage';
import { ActorPicker } from '../features/corrections/ActorPicker';
import { AnomaliesPage } from '../features/corrections/AnomaliesPage';
import { GuardianEditPage } from '../features/corrections/GuardianEditPage';
import { MergePage } from '../features/corrections/MergePage';
import { NavBadge } from '../features/corrections/NavBadge';
import { ReportsPage } from '../features/corrections/ReportsPage';
import { StudentEditPage } from '../features/corrections/StudentEditPage';
import { href, useRoute, type Route } from './router';
import { startAppEvents, useAppStore } from './store';
import { PageTitle } from './ui';

const NAV: Array<{ label: string; route: Route; section: Route['name'][]; badge?: 'anomalies' | 'reports' }> = [
  { label: 'Tableau de bord', route: { name: 'dashboard' }, section: ['dashboard'] },
  { label: 'Importer', route: { name: 'import' }, section: ['import'] },
  { label: 'Élèves', route: { name: 'students' }, section: ['students', 'student', 'studentEdit'] },
  { label: 'Responsables', route: { name: 'guardians' }, section: ['guardians', 'guardian', 'guardianEdit', 'merge'] },
  { label: 'À corriger', route: { name: 'anomalies' }, section: ['anomalies'], badge: 'anomalies' },
  { label: 'Signalements', route: { name: 'reports' }, section: ['reports'], badge: 'reports' },
  { label: 'Courriers', route: { name: 'letters' }, section: ['letters'] },
  { label: 'Établissement', route: { name: 'school' }, section: ['school'] },
  { label: 'Synchronisation', route: { name: 'sync' }, section: ['sync'] },
];

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'dashboard':
      return <DashboardPage />;
    case 'import':
      return <ImportPage />;
    case 'students':
      return <StudentsPage />;
    case 'student':
      return <StudentPage id={route.id} />;
    case 'guardians':
      return <GuardiansPage />;
    case 'guardian':
      return <GuardianPage id={route.id} />;
    case 'school':
      return <SchoolPage />;
    case 'letters':
      return <LettersPage />;
    case 'studentEdit':
      return <StudentEditPage id={route.id} field={route.field} />;
    case 'guardianEdit':
      return <GuardianEditPage id={route.id} field={route.field} />;
    case 'anomalies':
      return <AnomaliesPage />;
    case 'reports':
      return <ReportsPage />;
    case 'merge':
      return <MergePage keepId={route.keepId} mergeId={route.mergeId} />;
    case 'sync':
      return <SyncPage />;
    case 'notFound':
      return (
        <>
          <PageTitle>Page introuvable</PageTitle>
          <p>
            Cette adresse ne correspond à aucune page. <a href={href({ name: 'dashboard' })}>Revenir au tableau de bord</a>
          </p>
        </>
      );
  }
}

const TITLES: Record<Route['name'], string> = {
  dashboard: 'Tableau de bord',
  import: 'Importer',
  students: 'Élèves',
  student: 'Élève',
  guardians: 'Responsables',
  guardian: 'Responsable',
  school: 'Établissement',
  letters: 'Courriers',
  sync: 'Synchronisation',
  studentEdit: 'Modifier un élève',
  guardianEdit: 'Modifier un responsable',
  anomalies: 'À corriger',
  reports: 'Signalements',
  merge: 'Fusionner des responsables',
  notFound: 'Page introuvable',
};

function SchoolBadge() {
  const info = useAppStore((s) => s.info);
  if (!info) return null;
  return (
    <p className="school" data-testid="school-header">
      <span className="school-name">{info.school.name || 'Établissement sans nom'}</span>
      {info.school.uai && <span className="school-uai mono">{info.school.uai}</span>}
    </p>
  );
}

// The skip link moves focus itself: an in-page `#id` link would be read as a route.
const skipToMain = (e: MouseEvent) => {
  e.preventDefault();
  document.getElementById('contenu')?.focus();
};

export function App() {
  const route = useRoute();
  const loadInfo = useAppStore((s) => s.loadInfo);

  useEffect(() => {
    void loadInfo();
    return startAppEvents();
  }, [loadInfo]);

  useEffect(() => {
    document.title = `${TITLES[route.name]} — Sésame`;
  }, [route.name]);

  return (
    <>
      <a className="skip-link" href="#contenu" onClick={skipToMain}>
        Aller au contenu
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            S
          </span>
          <span className="brand-name">Sésame</span>
        </div>
        <SchoolBadge />
        <ActorPicker />
      </header>
      <nav className="app-nav" aria-label="Navigation principale">
        <ul>
          {NAV.map((item) => {
            const current = item.section.includes(route.name);
            return (
              <li key={item.label}>
                <a href={href(item.route)} aria-current={current ? 'page' : undefined}>
                  {item.label}
                  {item.badge && <NavBadge which={item.badge} />}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="contenu" tabIndex={-1}>
        <Page key={href(route)} route={route} />
      </main>
      <SyncStatusBar />
    </>
  );
}
