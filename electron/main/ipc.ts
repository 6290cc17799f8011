// The IPC transport: one invoke channel that trusts only our window's main frame showing our own
// index, one event channel pushing core events to that window, and the two PDF channels (print,
// save as) with the same sender check. In Electron the core runs here, in the main process: a
// letters.print result keeps its PDF here (PdfBatches) and reaches the renderer without the
// bytes; the renderer then prints or saves by batch id (ADR 011). Electron objects are passed in
// (only types are imported) so that this file stays importable by unit tests.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { AppEvent, Result } from '../../shared/contract';
import { IPC, type PrintOutcome } from '../../shared/contract/bridge';
import type { LettersPrintOutput } from '../../shared/contract/letters';
import type { Dispatcher } from '../core/dispatch';
import { PdfBatches, PrintFailure, safePdfFileName, safeTitle } from './print';
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
  /** Where letter PDFs wait for print or save; required with `pdf`. */
  batches?: PdfBatches;
}

/** Only our window's main frame, showing our own index, may call. */
function fromAppWindow(event: IpcMainInvokeEvent, contents: WebContents | null, appUrl: string): boolean {
  const frame = event.senderFrame;
  return Boolean(contents && event.sender === contents && frame && frame === contents.mainFrame && isTrustedSender(frame.url, appUrl));
}

const GONE: Result<never> = {
  ok: false,
  error: {
    code: 'not_found',
    message: 'Ce lot n’est plus en mémoire (Sésame a été relancé, ou d’autres lots ont été imprimés depuis) : enregistrez les courriers juste après leur préparation.',
  },
};

/** The argument of the PDF channels: `{ batchId }`. */
function batchArgument(input: unknown): unknown {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>).batchId : undefined;
}

/** A successful letters.print: its PDF stays here, the renderer gets everything else. */
function keepPdf(result: Result<unknown>, batches: PdfBatches): Result<unknown> {
  if (!result.ok) return result;
  const out = result.value as LettersPrintOutput;
  batches.keep(out.batchId, { bytes: Buffer.from(out.pdfBase64, 'base64'), title: safeTitle(out.title), fileName: safePdfFileName(out.fileName) });
  return { ok: true, value: { ...out, pdfBase64: '' } satisfies LettersPrintOutput };
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
export function installIpcTransport({ ipcMain, core, appUrl, target, pdf, batches = new PdfBatches() }: IpcTransportOptions): () => void {
  ipcMain.handle(IPC.invoke, async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    if (!fromAppWindow(event, target(), appUrl)) return refused;
    if (typeof name !== 'string') {
      return { ok: false, error: { code: 'invalid_input', message: 'Nom d’action manquant.' } } satisfies Result<never>;
    }
    // dispatch never throws: it always resolves to a Result envelope.
    const result = await core.dispatch(name, input);
    return pdf && name === 'letters.print' ? keepPdf(result, batches) : result;
  });

  if (pdf) {
    ipcMain.handle(IPC.printPdf, async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<{ outcome: PrintOutcome }>> => {
      if (!fromAppWindow(event, target(), appUrl)) return refused;
      const kept = batches.get(batchArgument(input));
      if (!kept) return GONE;
      return settle(async () => ({ outcome: await pdf.print(kept.bytes, kept.title) }), 'L’impression n’a pas pu être lancée. Réessayez.');
    });
    ipcMain.handle(IPC.savePdf, async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<{ saved: boolean }>> => {
      if (!fromAppWindow(event, target(), appUrl)) return refused;
      const kept = batches.get(batchArgument(input));
      if (!kept) return GONE;
      return settle(
        async () => ({ saved: await pdf.save(kept.bytes, kept.fileName) }),
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
