// Process-wide guards: CSP header, permissions denied, navigation and new windows refused,
// <webview> refused. Installed once, before any window exists.
import type { App, Session, Shell } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';
import { createWindowOpenHandler, isAllowedFrameNavigation, isAllowedNavigation } from './window';

export function installSecurityGuards(opts: { app: App; session: Session; shell: Shell; appUrl: string }): void {
  const { app, session, shell, appUrl } = opts;

  session.webRequest.onHeadersReceived((details, callback) => {
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
      if (!isAllowedFrameNavigation(event.url, appUrl, event.isMainFrame)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
