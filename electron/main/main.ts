// Electron main process: lifecycle, one window, one core. The core is plain Node; this file only
// wires it to Electron (IPC, window, menus, guards).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell } from 'electron';
import { createCore, type Core } from '../core/app';
import { startBackgroundSync } from '../core/sync/background';
import { safeStorageSecretStore } from './secrets';
import { installIpcTransport } from './ipc';
import { PdfBatches, PrintWindowRegistry, PrivatePdfFiles } from './print';
import { printPdf, savePdf } from './print-window';
import { HELP_URL, menuTemplate } from './menu';
import { installSecurityGuards } from './security';
import { isSafeExternalUrl, LEAVE_DIALOG, leaveConfirmed, SPELLCHECK_LANGUAGES, windowOptions } from './window';

// Every renderer runs sandboxed, whatever a window's options say.
app.enableSandbox();

const bundleDir = __dirname;
const indexPath = path.join(bundleDir, '..', 'renderer', 'index.html');
const preloadPath = path.join(bundleDir, '..', 'preload', 'preload.cjs');
const appUrl = pathToFileURL(indexPath).href;

// The register finds sql.js's wasm next to this bundle (copied there by scripts/build.mjs).
const wasmNextToBundle = path.join(bundleDir, 'sql-wasm.wasm');
if (!process.env.SESAME_SQL_WASM && existsSync(wasmNextToBundle)) process.env.SESAME_SQL_WASM = wasmNextToBundle;

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let coreClosed = false;
// Letter PDFs handed to the print window's viewer: private, and never left behind.
const printFiles = new PrivatePdfFiles();
const printWindows = new PrintWindowRegistry();
// The last few batches' PDFs, in memory only (ADR 011).
const pdfBatches = new PdfBatches();

function registerPath(): string {
  return process.env.SESAME_DB || path.join(app.getPath('userData'), 'registre.sesame');
}

function errorMessage(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if ((code === 'locked' || code === 'too_new') && err instanceof Error) return err.message;
  return 'Le registre n’a pas pu être ouvert. Fermez Sésame puis relancez-le ; si le problème persiste, contactez l’assistance.';
}

function createWindow(): BrowserWindow {
  const options = windowOptions(preloadPath, { devTools: !app.isPackaged });
  // The security switches are repeated literally here (same values as windowOptions, which the
  // unit tests pin) so that a static scanner such as Electronegativity can see them.
  const win = new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  // A form with unsaved changes objects to the close (beforeunload): ask, rather than ignore the click.
  win.webContents.on('will-prevent-unload', (event) => {
    if (leaveConfirmed(dialog.showMessageBoxSync(win, { ...LEAVE_DIALOG, buttons: [...LEAVE_DIALOG.buttons] }))) event.preventDefault();
  });
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(appUrl);
  return win;
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start(): Promise<void> {
  installSecurityGuards({ app, session: session.defaultSession, shell, appUrl, printWindows });
  // A crash may have left a print file behind: it holds passwords.
  printFiles.sweepStale();
  session.defaultSession.setSpellCheckerLanguages(SPELLCHECK_LANGUAGES);

  try {
    const dbPath = registerPath();
    core = await createCore({
      dbPath,
      // The school token, encrypted with the OS keychain (never in the register).
      secrets: safeStorageSecretStore(safeStorage, `${dbPath}.secrets.enc.json`),
      onInternalError: (name) => {
        // The error itself may quote personal data: only the call name is logged.
        console.error(`Sésame : erreur interne pendant ${name}`);
      },
    });
  } catch (err) {
    if (process.env.SESAME_DEBUG === '1') console.error(err);
    dialog.showErrorBox('Sésame', errorMessage(err));
    app.exit(3);
    return;
  }

  installIpcTransport({
    ipcMain,
    core,
    appUrl,
    target: () => mainWindow?.webContents ?? null,
    pdf: {
      print: (bytes, title) => printPdf(printFiles, printWindows, mainWindow, bytes, title),
      save: (bytes, fileName) => savePdf(mainWindow, bytes, fileName),
    },
    batches: pdfBatches,
  });
  const stopSync = startBackgroundSync(core);
  app.once('will-quit', stopSync);

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        isPackaged: app.isPackaged,
        openHelp: () => {
          if (isSafeExternalUrl(HELP_URL)) void shell.openExternal(HELP_URL).catch(() => undefined);
        },
        showAbout: () => {
          void dialog.showMessageBox({
            type: 'info',
            title: 'À propos de Sésame',
            message: `Sésame ${app.getVersion()}`,
            detail: 'Registre des comptes parents pour les secrétariats d’établissements scolaires.',
          });
        },
      }),
    ),
  );

  mainWindow = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another Sésame owns the register: it gets focus (see 'second-instance'), this one leaves.
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  app.on('window-all-closed', () => app.quit());
  // Whatever the print windows' state, their files go with the process.
  app.on('quit', () => {
    printFiles.removeAllSync();
    pdfBatches.clear();
  });
  app.on('activate', () => {
    if (!mainWindow && core) mainWindow = createWindow();
  });
  // Close the register (checkpoint, lock released) before the process ends.
  app.on('will-quit', (event) => {
    if (!core || coreClosed) return;
    event.preventDefault();
    const closing = core;
    core = null;
    closing
      .close()
      .catch(() => undefined)
      .finally(() => {
        coreClosed = true;
        app.quit();
      });
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      if (process.env.SESAME_DEBUG === '1') console.error(err);
      dialog.showErrorBox('Sésame', 'Sésame n’a pas pu démarrer.');
      app.exit(1);
    });
}
