// The IPC transport: one invoke channel that trusts only our window's main frame showing our own
// index, one event channel pushing core events to that window, and the two PDF channels (print,
// save as) with the same sender check. Electron objects are passed in (only types are imported)
// so that this file stays importable by unit tests.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { AppEvent, Result } from '../../shared/contract';
import { IPC, type PrintOutcome } from '../../shared/contract/bridge';
import type { Dispatcher } from '../core/dispatch';
import { decodePdfArg, PrintFailure, safePdfFileName, safeTitle } from './print';
import { isAppDocument } from './window';

/** The frame URL must be the app's own file:// index (any route fragment). */
export function isTrustedSender(frameUrl: string | null | undefined, appUrl: string): boolean {
  if (typeof frameUrl !== 'string') return false;
  return isAppDocument(frameUrl, appUrl);
}

const refused: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'Appel refusé : il ne vient pas de la fenêtre de Sésame.' },
};

/** What the main process does with a letter PDF (print-window.ts); errors carry French messages
 * that never quote the PDF. */
export interface PdfActions {
  print(bytes: Buffer, title: string): Promise<PrintOutcome>;
  /** False when the person cancelled the dialog. */
  save(bytes: Buffer, fileName: string): Promise<boolean>;
}

export interface IpcTransportOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  core: Pick<Dispatcher, 'dispatch' | 'subscribe'>;
  appUrl: string;
  /** The one window's contents, or null while it does not exist. */
  target: () => WebContents | null;
  pdf?: PdfActions;
}

/** Only our window's main frame, showing our own index, may call. */
function fromAppWindow(event: IpcMainInvokeEvent, contents: WebContents | null, appUrl: string): boolean {
  const frame = event.senderFrame;
  return Boolean(contents && event.sender === contents && frame && frame === contents.mainFrame && isTrustedSender(frame.url, appUrl));
}

const NOT_A_PDF: Result<never> = {
  ok: false,
  error: { code: 'invalid_input', message: 'Le document à imprimer n’est pas un PDF de Sésame.' },
};

/** The argument of the PDF channels: `{ pdfBase64, title }` or `{ pdfBase64, fileName }`. */
function pdfArgument(input: unknown, key: 'title' | 'fileName'): { bytes: Buffer; text: unknown } | null {
  if (typeof input !== 'object' || input === null) return null;
  const arg = input as Record<string, unknown>;
  const bytes = decodePdfArg(arg.pdfBase64);
  return bytes ? { bytes, text: arg[key] } : null;
}

async function settle<T>(run: () => Promise<T>, failure: string): Promise<Result<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    // Our own failures have a French message; anything else (a file system error naming a
    // path) is not shown as is.
    const message = err instanceof PrintFailure ? err.message : failure;
    return { ok: false, error: { code: 'internal', message } };
  }
}

/** Installs the invoke handler, the PDF handlers and the event push; returns a function removing them. */
export function installIpcTransport({ ipcMain, core, appUrl, target, pdf }: IpcTransportOptions): () => void {
  ipcMain.handle(IPC.invoke, async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    if (!fromAppWindow(event, target(), appUrl)) return refused;
    if (typeof name !== 'string') {
      return { ok: false, error: { code: 'invalid_input', message: 'Nom d’action manquant.' } } satisfies Result<never>;
    }
    // dispatch never throws: it always resolves to a Result envelope.
    return core.dispatch(name, input);
  });

  if (pdf) {
    ipcMain.handle(IPC.printPdf, async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<{ outcome: PrintOutcome }>> => {
      if (!fromAppWindow(event, target(), appUrl)) return refused;
      const arg = pdfArgument(input, 'title');
      if (!arg) return NOT_A_PDF;
      return settle(async () => ({ outcome: await pdf.print(arg.bytes, safeTitle(arg.text)) }), 'L’impression n’a pas pu être lancée. Réessayez.');
    });
    ipcMain.handle(IPC.savePdf, async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<{ saved: boolean }>> => {
      if (!fromAppWindow(event, target(), appUrl)) return refused;
      const arg = pdfArgument(input, 'fileName');
      if (!arg) return NOT_A_PDF;
      return settle(
        async () => ({ saved: await pdf.save(arg.bytes, safePdfFileName(arg.text)) }),
        'Le fichier n’a pas pu être enregistré à cet endroit. Choisissez un autre dossier.',
      );
    });
  }

  const unsubscribe = core.subscribe((event: AppEvent) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(IPC.event, event);
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC.invoke);
    if (pdf) {
      ipcMain.removeHandler(IPC.printPdf);
      ipcMain.removeHandler(IPC.savePdf);
    }
  };
}
