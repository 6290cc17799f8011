// Pure pieces of the window: its options and the URL guards. Only Electron *types* are imported
// here so that unit tests run without Electron's binary.
import type { BrowserWindowConstructorOptions, HandlerDetails, MessageBoxSyncOptions, WindowOpenHandlerResponse } from 'electron';

/** The switches every Sésame window has (app and print window): isolated, sandboxed, no Node,
 * no webviews, no insecure content. Each window adds only what differs. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  // Middle-click would try to open a new window; refused anyway, but never even asked.
  disableBlinkFeatures: 'Auxclick',
  safeDialogs: true,
} as const satisfies NonNullable<BrowserWindowConstructorOptions['webPreferences']>;

/** `devTools` only for development runs (the caller passes `!app.isPackaged`). */
export function windowOptions(preloadPath: string, { devTools = false }: { devTools?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Sésame',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      preload: preloadPath,
      spellcheck: true,
      devTools,
    },
  };
}

/**
 * Asked when the window closes while a form holds unsaved changes (the renderer objects in
 * `beforeunload`; without an answer in `will-prevent-unload` Electron would cancel the close
 * silently). « Rester » is the default and the Escape answer: losing work takes a deliberate choice.
 */
export const LEAVE_DIALOG = {
  type: 'question',
  title: 'Sésame',
  message: 'Quitter sans enregistrer ?',
  detail: 'Vos modifications seront perdues.',
  buttons: ['Quitter sans enregistrer', 'Rester'],
  defaultId: 1,
  cancelId: 1,
  noLink: true,
} as const satisfies MessageBoxSyncOptions;

/** Whether the answer to LEAVE_DIALOG lets the window close. */
export const leaveConfirmed = (choice: number): boolean => choice === 0;

/** Languages for the spell checker: the staff type French names and addresses. */
export const SPELLCHECK_LANGUAGES = ['fr'];

const withoutHash = (u: URL): string => {
  const copy = new URL(u.href);
  copy.hash = '';
  return copy.href;
};

/** The one URL parser of the guards: null instead of a throw. */
export const parseUrl = (url: string): URL | null => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

/** Same document as the app's own file:// index (the fragment may differ: it is the route). */
export function isAppDocument(url: string, appUrl: string): boolean {
  const u = parseUrl(url);
  const app = parseUrl(appUrl);
  if (!u || !app || app.protocol !== 'file:') return false;
  if (u.protocol !== 'file:' || u.host !== app.host || u.search !== '') return false;
  return withoutHash(u) === withoutHash(app);
}

/** Navigation is allowed only to the app's own index; everything else is refused. */
export function isAllowedNavigation(url: string, appBaseUrl: string): boolean {
  return isAppDocument(url, appBaseUrl);
}

/** Sites a link in the app may open in the person's browser (help pages only). */
export const EXTERNAL_HOSTS: readonly string[] = [
  'educonnect.education.gouv.fr',
  'www.education.gouv.fr',
  'www.service-public.fr',
];

/** Strict check before `shell.openExternal`: https, an allowlisted host, no credentials, default port. */
export function isSafeExternalUrl(url: string): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  const u = parseUrl(url);
  if (!u) return false;
  if (u.protocol !== 'https:') return false;
  if (u.username !== '' || u.password !== '' || u.port !== '') return false;
  // URL() already lower-cases and punycodes the host; compare exactly, no suffix matching.
  return EXTERNAL_HOSTS.includes(u.hostname);
}

/** `setWindowOpenHandler`: never opens a window; a safe help link goes to the system browser. */
export function createWindowOpenHandler(
  openExternal: (url: string) => void,
): (details: Pick<HandlerDetails, 'url'>) => WindowOpenHandlerResponse {
  return ({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  };
}

/**
 * Navigation of any frame: the main frame only to our index; a subframe also to an in-memory
 * `blob:` document (a letter PDF preview) or about:blank, never to a remote site.
 */
export function isAllowedFrameNavigation(url: string, appBaseUrl: string, isMainFrame: boolean): boolean {
  if (isAllowedNavigation(url, appBaseUrl)) return true;
  if (isMainFrame) return false;
  if (url === 'about:blank') return true;
  const u = parseUrl(url);
  return u !== null && u.protocol === 'blob:';
}
