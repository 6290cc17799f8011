import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './csp';
import { isTrustedSender } from './ipc';
import { menuTemplate } from './menu';
import {
  LEAVE_DIALOG,
  leaveConfirmed,
  createWindowOpenHandler,
  isAllowedFrameNavigation,
  isAllowedNavigation,
  isSafeExternalUrl,
  windowOptions,
} from './window';

const appUrl = 'file:///opt/Sesame/resources/app.asar/dist/renderer/index.html';

describe('windowOptions', () => {
  it('isolates and sandboxes the renderer', () => {
    const wp = windowOptions('/x/preload.cjs').webPreferences!;
    expect(wp.preload).toBe('/x/preload.cjs');
    expect(wp.contextIsolation).toBe(true);
    expect(wp.sandbox).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
    expect(wp.webSecurity).toBe(true);
    expect(wp.allowRunningInsecureContent).toBe(false);
    expect(wp.webviewTag).toBe(false);
    expect(wp.experimentalFeatures).toBe(false);
    expect(wp.spellcheck).toBe(true);
    expect(wp.devTools).toBe(false);
    expect(windowOptions('/x/preload.cjs', { devTools: true }).webPreferences!.devTools).toBe(true);
  });
});

describe('LEAVE_DIALOG', () => {
  it('keeps unsaved work unless the person chooses to lose it: « Rester » is the default and Escape', () => {
    expect(LEAVE_DIALOG.buttons[LEAVE_DIALOG.defaultId]).toBe('Rester');
    expect(LEAVE_DIALOG.buttons[LEAVE_DIALOG.cancelId]).toBe('Rester');
    expect(LEAVE_DIALOG.message).toBe('Quitter sans enregistrer ?');
    expect(leaveConfirmed(LEAVE_DIALOG.buttons.indexOf('Quitter sans enregistrer'))).toBe(true);
    expect(leaveConfirmed(LEAVE_DIALOG.cancelId)).toBe(false);
  });
});

describe('isAllowedNavigation', () => {
  it('allows the app index, with any route fragment', () => {
    expect(isAllowedNavigation(appUrl, appUrl)).toBe(true);
    expect(isAllowedNavigation(`${appUrl}#/import`, appUrl)).toBe(true);
  });
  it.each([
    'https://educonnect.education.gouv.fr/',
    'http://127.0.0.1:5180/',
    'file:///etc/passwd',
    'file:///opt/Sesame/resources/app.asar/dist/renderer/other.html',
    `${appUrl}?x=1`,
    'file://evil-host/opt/Sesame/resources/app.asar/dist/renderer/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedNavigation(url, appUrl)).toBe(false);
  });
  it('refuses everything when the app URL is not a file URL', () => {
    expect(isAllowedNavigation('https://x.test/', 'https://x.test/')).toBe(false);
  });
  it('normalises dot segments before comparing', () => {
    expect(isAllowedNavigation('file:///opt/Sesame/resources/app.asar/dist/renderer/../renderer/index.html', appUrl)).toBe(true);
    expect(isAllowedNavigation('file:///opt/Sesame/resources/app.asar/dist/renderer/../../index.html', appUrl)).toBe(false);
  });
});

describe('isAllowedFrameNavigation', () => {
  it('lets a subframe show an in-memory PDF but never a remote page', () => {
    expect(isAllowedFrameNavigation('blob:file:///1234-5678', appUrl, false)).toBe(true);
    expect(isAllowedFrameNavigation('about:blank', appUrl, false)).toBe(true);
    expect(isAllowedFrameNavigation('https://example.com/', appUrl, false)).toBe(false);
  });
  it('keeps the main frame on the index', () => {
    expect(isAllowedFrameNavigation('blob:file:///1234', appUrl, true)).toBe(false);
    expect(isAllowedFrameNavigation(appUrl, appUrl, true)).toBe(true);
  });
});

describe('isSafeExternalUrl', () => {
  it('accepts https help pages on allowlisted hosts', () => {
    expect(isSafeExternalUrl('https://educonnect.education.gouv.fr/')).toBe(true);
    expect(isSafeExternalUrl('https://EDUCONNECT.education.gouv.fr/aide?x=1#y')).toBe(true);
  });
  it.each([
    'http://educonnect.education.gouv.fr/',
    'https://educonnect.education.gouv.fr.evil.com/',
    'https://evil.com/educonnect.education.gouv.fr',
    'https://user:pw@educonnect.education.gouv.fr/',
    'https://educonnect.education.gouv.fr:8443/',
    'https://eviléducation.gouv.fr/',
    'file:///etc/passwd',
    'smb://server/share',
    'javascript:alert(1)',
    'ms-msdt:/id',
    'https://',
    'nonsense',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
  it('refuses absurdly long URLs', () => {
    expect(isSafeExternalUrl(`https://educonnect.education.gouv.fr/${'a'.repeat(3000)}`)).toBe(false);
  });
});

describe('createWindowOpenHandler', () => {
  it('always denies new windows and opens only safe links externally', () => {
    const opened: string[] = [];
    const handler = createWindowOpenHandler((u) => opened.push(u));
    expect(handler({ url: 'https://educonnect.education.gouv.fr/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://evil.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://educonnect.education.gouv.fr/']);
  });
});

describe('isTrustedSender', () => {
  it('trusts only the app index', () => {
    expect(isTrustedSender(appUrl, appUrl)).toBe(true);
    expect(isTrustedSender(`${appUrl}#/eleves`, appUrl)).toBe(true);
    expect(isTrustedSender('https://evil.com/', appUrl)).toBe(false);
    expect(isTrustedSender('file:///tmp/index.html', appUrl)).toBe(false);
    expect(isTrustedSender('about:blank', appUrl)).toBe(false);
    expect(isTrustedSender('', appUrl)).toBe(false);
    expect(isTrustedSender(null, appUrl)).toBe(false);
    expect(isTrustedSender(undefined, appUrl)).toBe(false);
  });
});

describe('CSP', () => {
  it('forbids inline scripts, eval, plugins and framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});

describe('menuTemplate', () => {
  const labels = (packaged: boolean) =>
    JSON.stringify(menuTemplate({ isPackaged: packaged, openHelp: () => undefined, showAbout: () => undefined }));
  it('is in French with the four menus', () => {
    const menus = menuTemplate({ isPackaged: true, openHelp: () => undefined, showAbout: () => undefined });
    expect(menus.map((m) => m.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Aide']);
  });
  it('offers developer tools only outside packaged builds', () => {
    expect(labels(true)).not.toContain('toggleDevTools');
    expect(labels(false)).toContain('toggleDevTools');
  });
  it('runs the help and about actions', () => {
    const calls: string[] = [];
    const menus = menuTemplate({ isPackaged: true, openHelp: () => calls.push('help'), showAbout: () => calls.push('about') });
    const help = menus[3]!.submenu as Array<{ click?: () => void }>;
    for (const item of help) item.click?.();
    expect(calls).toEqual(['help', 'about']);
  });
});
