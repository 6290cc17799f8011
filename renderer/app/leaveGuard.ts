import { useEffect } from 'react';

/**
 * « Quitter sans enregistrer ? »: forms with unsaved changes register here; leaving the page (a link,
 * back/forward, closing the tab) then asks first. Hash routing has no router to veto a change, so the
 * guard sits on the two ways a hash changes: clicks on links, and `hashchange` for the rest.
 */
export const LEAVE_MESSAGE = 'Quitter sans enregistrer ? Vos modifications seront perdues.';

const dirty = new Set<symbol>();

export function hasUnsavedChanges(): boolean {
  return dirty.size > 0;
}

/** True when leaving is fine: nothing unsaved, or the person accepted to lose it. */
export function confirmLeave(ask: (message: string) => boolean = (m) => window.confirm(m)): boolean {
  if (dirty.size === 0) return true;
  if (!ask(LEAVE_MESSAGE)) return false;
  // The forms are going away: the hashchange that follows must not ask a second time.
  dirty.clear();
  return true;
}

/** Registers one holder of unsaved changes; returns its release. */
export function holdUnsaved(): () => void {
  const token = Symbol('unsaved');
  dirty.add(token);
  return () => {
    dirty.delete(token);
  };
}

/** Marks the calling form as holding unsaved changes while `isDirty` is true. */
export function useUnsavedChanges(isDirty: boolean): void {
  useEffect(() => (isDirty ? holdUnsaved() : undefined), [isDirty]);
}

/** Forgets every registration (tests). */
export function resetLeaveGuard(): void {
  dirty.clear();
}

/** The in-app link a click would follow, or null when the click is not a plain same-page hash navigation. */
export function guardedLink(e: Pick<MouseEvent, 'defaultPrevented' | 'button' | 'metaKey' | 'ctrlKey' | 'shiftKey' | 'altKey' | 'target'>, location: Pick<Location, 'href' | 'hash'>): URL | null {
  // Handlers that took the click (the skip link) already called preventDefault; new tabs keep this page.
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return null;
  const target = e.target as { closest?: (s: string) => Element | null } | null;
  const a = target?.closest?.('a[href]') as HTMLAnchorElement | null | undefined;
  if (!a || (a.target && a.target !== '_self') || a.hasAttribute('download')) return null;
  let url: URL;
  try {
    url = new URL(a.href, location.href);
  } catch {
    return null;
  }
  const here = new URL(location.href);
  // Another document: the browser's own beforeunload prompt covers it.
  if (url.origin !== here.origin || url.pathname !== here.pathname || url.search !== here.search) return null;
  // A link to the page already shown changes nothing.
  if (url.hash === location.hash || url.hash === '') return null;
  return url;
}

let installed = false;

/**
 * Installs the listeners once. Called by the router before it subscribes to `hashchange`, so a
 * refused change is undone before the page re-renders.
 */
export function installLeaveGuard(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  // Bubble phase on window: React's handlers (and their preventDefault) have run by then.
  window.addEventListener('click', (e) => {
    if (dirty.size === 0) return;
    if (guardedLink(e, window.location) && !confirmLeave()) e.preventDefault();
  });
  // Back/forward, a typed address, a programmatic navigate(): the change already happened, so a
  // refusal puts the page's address back (one more history entry, the least surprising undo).
  window.addEventListener('hashchange', (e) => {
    if (dirty.size === 0) return;
    // A fresh browser-mode token link is the bridge's business, not a page change.
    if (/[#&]token=/.test(e.newURL)) return;
    if (!confirmLeave()) window.history.pushState(window.history.state, '', e.oldURL);
  });
  // Closing or reloading the tab, or the window: the browser asks itself; Electron's main process
  // asks in `will-prevent-unload` (electron/main/main.ts).
  window.addEventListener('beforeunload', (e) => {
    if (dirty.size === 0) return;
    e.preventDefault();
    // Older browsers need returnValue set to show their prompt.
    e.returnValue = '';
  });
}
