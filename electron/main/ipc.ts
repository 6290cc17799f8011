// The IPC transport: one invoke channel that trusts only our window's main frame showing our own
// index, and one event channel pushing core events to that window. Electron objects are passed in
// (only types are imported) so that this file stays importable by unit tests.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { AppEvent, Result } from '../../shared/contract';
import { IPC } from '../../shared/contract/bridge';
import type { Dispatcher } from '../core/dispatch';
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

export interface IpcTransportOptions {
  ipcMain: IpcMain;
  core: Dispatcher;
  appUrl: string;
  /** The one window's contents, or null while it does not exist. */
  target: () => WebContents | null;
}

/** Installs the invoke handler and the event push; returns a function removing both. */
export function installIpcTransport({ ipcMain, core, appUrl, target }: IpcTransportOptions): () => void {
  ipcMain.handle(IPC.invoke, async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    const contents = target();
    const frame = event.senderFrame;
    if (
      !contents ||
      event.sender !== contents ||
      !frame ||
      frame !== contents.mainFrame ||
      !isTrustedSender(frame.url, appUrl)
    ) {
      return refused;
    }
    if (typeof name !== 'string') {
      return { ok: false, error: { code: 'invalid_input', message: 'Nom d’action manquant.' } } satisfies Result<never>;
    }
    // dispatch never throws: it always resolves to a Result envelope.
    return core.dispatch(name, input);
  });

  const unsubscribe = core.subscribe((event: AppEvent) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(IPC.event, event);
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC.invoke);
  };
}
