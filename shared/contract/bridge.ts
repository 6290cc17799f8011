import type { AppEvent } from './events';
import type { CallName, Input, Output } from './index';
import type { Result } from './result';

/**
 * The only surface the renderer sees: `window.sesame`. Electron's preload provides it over IPC;
 * browser mode provides the same object over HTTP + SSE (see BROWSER_PROTOCOL).
 */
export interface SesameBridge {
  invoke<N extends CallName>(name: N, input: Input<N>): Promise<Result<Output<N>>>;
  subscribe(listener: (event: AppEvent) => void): () => void;
  /** Electron only: the system print dialog and « Enregistrer sous ». Browser mode has no such
   * member, and the renderer offers a download instead. */
  pdf?: DesktopPdf;
}

/** How a print ended: sent to the printer, cancelled in the dialog, or left to the person in the
 * print window (the PDF viewer was not ready in time; its own print button still works). */
export type PrintOutcome = 'printed' | 'cancelled' | 'manual';

/** PDF output of the desktop app. The main process keeps the last few batches' PDFs (they hold
 * temporary passwords); the renderer names one by the batch id letters.print returned. */
export interface DesktopPdf {
  print(input: { batchId: string }): Promise<Result<{ outcome: PrintOutcome }>>;
  save(input: { batchId: string }): Promise<Result<{ saved: boolean }>>;
}

/**
 * Browser mode, over 127.0.0.1 only:
 * - the server prints `http://127.0.0.1:PORT/#token=TOKEN`; the renderer reads the token from the
 *   fragment (never sent to the server in a URL), keeps it in sessionStorage and clears the fragment;
 * - `POST /api/invoke` with `Authorization: Bearer TOKEN`, body `{ "name", "input" }` → a Result
 *   envelope as JSON (HTTP 200 even for a failed call; 401 for a bad token);
 * - `GET /api/events?token=TOKEN` → Server-Sent Events, each `data:` line one AppEvent as JSON.
 */
export const BROWSER_PROTOCOL = {
  invokePath: '/api/invoke',
  eventsPath: '/api/events',
  tokenParam: 'token',
} as const;

/** IPC channel names (Electron). */
export const IPC = {
  invoke: 'sesame:invoke',
  event: 'sesame:event',
  printPdf: 'sesame:pdf-print',
  savePdf: 'sesame:pdf-save',
} as const;
