// Process-wide guards: CSP header, permissions denied, navigation and new windows refused,
// <webview> refused. Installed once, before any window exists.
import type { App, Session, Shell } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';
import { appliesAppCsp, isAllowedPrintFrameNavigation, type PrintWindowRegistry } from './print';
import { createWindowOpenHandler, isAllowedFrameNavigation, isAllowedNavigation } from './window';

/** One rule for every navigation event of a contents: a print window stays on its PDF (and the
 * viewer), any other contents on the app's index. */
export function navigationAllowed(printPdfUrl: string | null, appUrl: string, url: string, isMainFrame: boolean): boolean {
  if (printPdfUrl !== null) return isAllowedPrintFrameNavigation(url, printPdfUrl, isMainFrame);
  return isMainFrame ? isAllowedNavigation(url, appUrl) : isAllowedFrameNavigation(url, appUrl, false);
}

export function installSecurityGuards(opts: {
  app: App;
  session: Session;
  shell: Shell;
  appUrl: string;
  /** The print windows (print.ts): their own navigation rule, and no app CSP on their loads. */
  printWindows: Pick<PrintWindowRegistry, 'pdfUrlOf'>;
}): void {
  const { app, session, shell, appUrl, printWindows } = opts;

  session.webRequest.onHeadersReceived((details, callback) => {
    if (!appliesAppCsp(details.webContents, printWindows)) {
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
    // Read at navigation time: a print window is registered just after it is created.
    const allowed = (url: string, isMainFrame: boolean) => navigationAllowed(printWindows.pdfUrlOf(contents), appUrl, url, isMainFrame);
    const guard = (event: { preventDefault(): void }, url: string) => {
      if (!allowed(url, true)) event.preventDefault();
    };
    contents.on('will-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('will-frame-navigate', (event) => {
      if (!allowed(event.url, event.isMainFrame)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
