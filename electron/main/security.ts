// Process-wide guards: CSP header, permissions denied, navigation and new windows refused,
// <webview> refused. Installed once, before any window exists.
import type { App, Session, Shell, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';
import { appliesAppCsp, isAllowedPrintFrameNavigation } from './print';
import { createWindowOpenHandler, isAllowedFrameNavigation, isAllowedNavigation } from './window';

export function installSecurityGuards(opts: {
  app: App;
  session: Session;
  shell: Shell;
  appUrl: string;
  /** The PDF a print window shows, or null for any other contents (print-window.ts). */
  printPdfUrl?: (contents: WebContents) => string | null;
}): void {
  const { app, session, shell, appUrl, printPdfUrl } = opts;

  session.webRequest.onHeadersReceived((details, callback) => {
    if (!appliesAppCsp(details.url)) {
      callback({ responseHeaders: details.responseHeaders ?? {} });
      return;
    }
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });

  // Sésame needs no camera, microphone, notifications, geolocation, HID, serial...
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  const openExternal = (url: string) => {
    void shell.openExternal(url).catch(() => undefined);
  };

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(createWindowOpenHandler(openExternal));
    const guard = (event: { preventDefault(): void }, url: string) => {
      if (!isAllowedNavigation(url, appUrl)) event.preventDefault();
    };
    contents.on('will-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('will-frame-navigate', (event) => {
      // Read at navigation time: a print window is registered just after it is created.
      const pdfUrl = printPdfUrl?.(contents) ?? null;
      const allowed = pdfUrl
        ? isAllowedPrintFrameNavigation(event.url, pdfUrl, event.isMainFrame)
        : isAllowedFrameNavigation(event.url, appUrl, event.isMainFrame);
      if (!allowed) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
