import { useSyncExternalStore } from 'react';
import { installLeaveGuard } from './leaveGuard';

/** Hash routes, so the back button works the same from file:// (Electron) and http (browser mode). */
export type Route =
  | { name: 'dashboard' }
  | { name: 'import' }
  | { name: 'students' }
  | { name: 'student'; id: string }
  | { name: 'guardians' }
  | { name: 'guardian'; id: string }
  | { name: 'school' }
  | { name: 'letters' }
  | { name: 'sync' }
  | { name: 'studentEdit'; id: string; field?: string }
  | { name: 'guardianEdit'; id: string; field?: string }
  | { name: 'anomalies' }
  | { name: 'reports' }
  | { name: 'merge'; keepId: string; mergeId: string }
  | { name: 'notFound'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const [first, second, ...rest] = parts;
  // Edit forms: `#/responsables/ID/modifier[/champ]`, the field to focus coming from the anomalies desk.
  if ((first === 'eleves' || first === 'responsables') && second && rest[0] === 'modifier' && rest.length <= 2) {
    const field = rest[1];
    const name = first === 'eleves' ? 'studentEdit' : 'guardianEdit';
    return field ? { name, id: second, field } : { name, id: second };
  }
  if (first === 'fusion' && second && rest.length === 1 && rest[0]) return { name: 'merge', keepId: second, mergeId: rest[0] };
  if (rest.length > 0) return { name: 'notFound', path };
  if (first === 'a-corriger' && !second) return { name: 'anomalies' };
  if (first === 'signalements' && !second) return { name: 'reports' };
  if (first === undefined) return { name: 'dashboard' };
  if (first === 'importer' && !second) return { name: 'import' };
  if (first === 'etablissement' && !second) return { name: 'school' };
  if (first === 'courriers' && !second) return { name: 'letters' };
  if (first === 'synchronisation' && !second) return { name: 'sync' };
  if (first === 'eleves') return second ? { name: 'student', id: second } : { name: 'students' };
  if (first === 'responsables') return second ? { name: 'guardian', id: second } : { name: 'guardians' };
  return { name: 'notFound', path };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'dashboard':
      return '#/';
    case 'import':
      return '#/importer';
    case 'students':
      return '#/eleves';
    case 'student':
      return `#/eleves/${encodeURIComponent(route.id)}`;
    case 'guardians':
      return '#/responsables';
    case 'guardian':
      return `#/responsables/${encodeURIComponent(route.id)}`;
    case 'school':
      return '#/etablissement';
    case 'letters':
      return '#/courriers';
    case 'sync':
      return '#/synchronisation';
    case 'studentEdit':
    case 'guardianEdit': {
      const base = route.name === 'studentEdit' ? 'eleves' : 'responsables';
      const field = route.field ? `/${encodeURIComponent(route.field)}` : '';
      return `#/${base}/${encodeURIComponent(route.id)}/modifier${field}`;
    }
    case 'anomalies':
      return '#/a-corriger';
    case 'reports':
      return '#/signalements';
    case 'merge':
      return `#/fusion/${encodeURIComponent(route.keepId)}/${encodeURIComponent(route.mergeId)}`;
    case 'notFound':
      return `#${route.path}`;
  }
}

const subscribeHash = (onChange: () => void) => {
  // First: a change refused by « Quitter sans enregistrer ? » is undone before the page re-renders.
  installLeaveGuard();
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useHash(): string {
  return useSyncExternalStore(subscribeHash, () => window.location.hash);
}

export function useRoute(): Route {
  return parseRoute(useHash());
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}
