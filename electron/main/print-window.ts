// The print window and the save dialog, on Electron's runtime objects. The decisions (options,
// checks, temp files, readiness) live in print.ts, which the unit tests cover.
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, dialog, type WebContents } from 'electron';
import type { PrintOutcome } from '../../shared/contract/bridge';
import { PrintFailure, printOutcome, printWindowOptions, waitForPdfReady, type PdfReadySource, type PrivatePdfFiles } from './print';

/** The PDF each print window shows, read by the navigation guards (security.ts). */
const printWindows = new WeakMap<WebContents, string>();

export function printWindowPdfUrl(contents: WebContents): string | null {
  return printWindows.get(contents) ?? null;
}

/** Shows the PDF in the built-in viewer and opens the system print dialog once it is ready. */
export async function printPdf(files: PrivatePdfFiles, parent: BrowserWindow | null, bytes: Buffer, title: string): Promise<PrintOutcome> {
  const file = await files.write(bytes);
  const options = printWindowOptions(title);
  // The security switches are repeated literally (same values as printWindowOptions, pinned by
  // the unit tests) so that a static scanner such as Electronegativity sees them.
  const win = new BrowserWindow({
    ...options,
    ...(parent ? { parent } : {}),
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
      plugins: true,
    },
  });
  printWindows.set(win.webContents, pathToFileURL(file).href);
  win.once('closed', () => {
    void files.remove(file);
  });
  // Subscribed before loading: the viewer may be ready before loadFile resolves.
  const ready = waitForPdfReady(win.webContents as unknown as PdfReadySource);
  try {
    await win.loadFile(file);
  } catch {
    if (!win.isDestroyed()) win.destroy();
    throw new PrintFailure('Le courrier n’a pas pu être affiché pour l’impression.');
  }
  win.show();
  if (!(await ready)) {
    // The viewer is still loading (or the window was closed): the person prints with the
    // viewer's own button; the file goes when the window closes.
    return win.isDestroyed() ? 'cancelled' : 'manual';
  }
  return new Promise<PrintOutcome>((resolve, reject) => {
    win.webContents.print({ silent: false, printBackground: true }, (success, failureReason) => {
      const outcome = printOutcome(success, failureReason);
      if (!win.isDestroyed()) win.close();
      if (outcome === 'failed') reject(new PrintFailure('L’impression a échoué. Vérifiez l’imprimante puis réessayez.'));
      else resolve(outcome);
    });
  });
}

/** « Enregistrer en PDF »: the person picks the place; false when they cancel. */
export async function savePdf(parent: BrowserWindow | null, bytes: Buffer, fileName: string): Promise<boolean> {
  const options = {
    title: 'Enregistrer les courriers',
    defaultPath: fileName,
    buttonLabel: 'Enregistrer',
    filters: [{ name: 'Document PDF', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'>,
  };
  const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return false;
  // Only its owner can read it: it holds temporary passwords.
  await writeFile(choice.filePath, bytes, { mode: 0o600 });
  return true;
}
