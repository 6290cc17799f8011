// The print window and the save dialog, on Electron's runtime objects. The decisions (options,
// checks, temp files, readiness, settling on close) live in print.ts, which the unit tests cover.
import { BrowserWindow, dialog, type BrowserWindowConstructorOptions } from 'electron';
import type { PrintOutcome } from '../../shared/contract/bridge';
import { printInWindow, writePrivateFile, type PrintWindowRegistry, type PrivatePdfFiles } from './print';

function openPrintWindow(parent: BrowserWindow | null, options: BrowserWindowConstructorOptions): BrowserWindow {
  // The security switches are repeated literally (same values as printWindowOptions, pinned by
  // the unit tests) so that a static scanner such as Electronegativity sees them.
  return new BrowserWindow({
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
}

/** Shows the PDF in the built-in viewer and opens the system print dialog once it is ready. */
export function printPdf(files: PrivatePdfFiles, registry: PrintWindowRegistry, parent: BrowserWindow | null, bytes: Buffer, title: string): Promise<PrintOutcome> {
  return printInWindow({ files, registry, bytes, title, open: (options) => openPrintWindow(parent, options) });
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
  // Only its owner can read it (it holds temporary passwords), even when it replaces a file.
  await writePrivateFile(choice.filePath, bytes);
  return true;
}
