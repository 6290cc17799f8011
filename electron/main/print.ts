// Pure and file-system pieces of printing a letter PDF in Electron: the print window's options,
// the checks on what the renderer sends, the frame guard of the print window, and the private
// temporary file the PDF viewer reads. Only Electron *types* are imported, so unit tests run
// without Electron's binary. Why a window with the built-in viewer: docs/decisions/011-printing-letters-in-electron.md.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { PrintOutcome } from '../../shared/contract/bridge';
import { parseUrl, SECURE_WEB_PREFERENCES } from './window';

/** A failure whose French message may be shown as is (it never quotes the PDF). */
export class PrintFailure extends Error {
  override readonly name = 'PrintFailure';
}

/** Chromium's PDF viewer: a component extension with a fixed id, the same in every Electron. */
export const PDF_VIEWER_ORIGIN = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai';

/** Letter PDFs the main process keeps after a print, most recent last: enough to print again or
 * save a batch just made, few enough that memory stays small (a 5,000-letter batch is ~15 MB). */
export const KEPT_BATCHES = 3;

/** Time the PDF viewer gets to load the document before the print dialog is opened. Large batches
 * take seconds (PDFium parses every page); past this, the window stays open for a manual print. */
export const PDF_READY_TIMEOUT_MS = 60_000;

/**
 * The print window: sandboxed, isolated, no Node, no preload, nothing but the PDF viewer
 * (`plugins` is what enables it). It runs in the default session on purpose: Chromium's viewer
 * does not load in non-persistent partitions, and a persistent one would write a cache to disk.
 */
export function printWindowOptions(title: string): BrowserWindowConstructorOptions {
  return {
    width: 900,
    height: 1000,
    minWidth: 500,
    minHeight: 400,
    title,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#525659',
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      spellcheck: false,
      devTools: false,
      plugins: true,
    },
  };
}

/** A bare file name for the save dialog: no folder, no control or reserved characters, `.pdf`. */
export function safePdfFileName(value: unknown): string {
  const fallback = 'courriers.pdf';
  if (typeof value !== 'string') return fallback;
  // eslint-disable-next-line no-control-regex
  const base = value.normalize('NFC').replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-').replace(/^[.\s-]+|[.\s]+$/g, '').slice(0, 120);
  if (!base) return fallback;
  return /\.pdf$/i.test(base) ? base : `${base}.pdf`;
}

/** A short window title (the batch's), single line. */
export function safeTitle(value: unknown): string {
  // eslint-disable-next-line no-control-regex
  const t = typeof value === 'string' ? value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 150) : '';
  return t ? `Impression – ${t}` : 'Impression des courriers';
}

/** `webContents.print`'s callback → what the renderer is told; other failures are errors. */
export function printOutcome(success: boolean, failureReason: string): PrintOutcome | 'failed' {
  if (success) return 'printed';
  return /cancel/i.test(failureReason) ? 'cancelled' : 'failed';
}

/**
 * Navigation in the print window: the main frame only shows the PDF file it was opened on; a
 * subframe may be the PDF viewer itself (or about:blank), never a web page.
 */
export function isAllowedPrintFrameNavigation(url: string, pdfUrl: string, isMainFrame: boolean): boolean {
  if (url === pdfUrl) return true;
  if (isMainFrame) return false;
  if (url === 'about:blank') return true;
  // `origin` is "null" for non-special schemes in WHATWG URL: compare scheme and host instead.
  const u = parseUrl(url);
  return u !== null && `${u.protocol}//${u.host}` === PDF_VIEWER_ORIGIN && u.username === '' && u.password === '';
}

/** The contents of print windows (each with the file URL it shows), registered right after the
 * window is created and before it loads anything. The navigation and CSP guards ask it. */
export class PrintWindowRegistry {
  private readonly windows = new WeakMap<object, string>();

  register(contents: object, pdfUrl: string): void {
    this.windows.set(contents, pdfUrl);
  }

  /** The PDF a print window shows, or null for any other contents. */
  pdfUrlOf(contents: object | null | undefined): string | null {
    return contents ? (this.windows.get(contents) ?? null) : null;
  }
}

/** The app's Content-Security-Policy goes on every response except those loaded by a registered
 * print window: its `frame-ancestors 'none'` would stop the PDF viewer from loading there. Keyed
 * on the requesting contents, never on the response URL, which a page could choose. */
export function appliesAppCsp(contents: object | null | undefined, registry: Pick<PrintWindowRegistry, 'pdfUrlOf'>): boolean {
  return registry.pdfUrlOf(contents) === null;
}

/** The events a print needs from the window's contents. `-pdf-ready-to-print` is Electron's own
 * signal that the viewer has the document and can print it (not in its type definitions). */
export interface PdfReadySource {
  once(event: '-pdf-ready-to-print' | 'destroyed' | 'render-process-gone', listener: () => void): unknown;
  removeListener(event: '-pdf-ready-to-print' | 'destroyed' | 'render-process-gone', listener: () => void): unknown;
}

/** Resolves true when the viewer is ready to print, false on timeout or when the window goes.
 * Subscribe before loading: the event may come before `loadFile` resolves. */
export function waitForPdfReady(source: PdfReadySource, timeoutMs = PDF_READY_TIMEOUT_MS): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      source.removeListener('-pdf-ready-to-print', onReady);
      source.removeListener('destroyed', onGone);
      source.removeListener('render-process-gone', onGone);
      resolve(ready);
    };
    const onReady = () => done(true);
    const onGone = () => done(false);
    const timer = setTimeout(() => done(false), timeoutMs);
    source.once('-pdf-ready-to-print', onReady);
    source.once('destroyed', onGone);
    source.once('render-process-gone', onGone);
  });
}

const PREFIX = 'sesame-print-';

/**
 * The PDF viewer reads a file, and the PDF holds temporary passwords: each PDF goes in its own
 * private folder (0700) as a 0600 file, removed when its window closes, at quit, and, for a
 * crash, at the next start (`sweepStale`).
 */
export class PrivatePdfFiles {
  private readonly live = new Set<string>();

  constructor(private readonly baseDir: string = os.tmpdir()) {}

  async write(bytes: Uint8Array, name = 'courriers.pdf'): Promise<string> {
    // mkdtemp creates the folder 0700; 'wx' refuses to follow anything already there.
    const dir = await mkdtemp(path.join(this.baseDir, PREFIX));
    this.live.add(dir);
    const file = path.join(dir, path.basename(name));
    try {
      await writeFile(file, bytes, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      await this.remove(file);
      throw err;
    }
    return file;
  }

  /** Files still on disk (their folders), for tests and diagnostics. */
  pending(): string[] {
    return [...this.live];
  }

  /** Forgotten only once gone: a failed removal (Windows keeps a file open by the viewer a moment
   * after its window closes) leaves the folder for `removeAllSync` at quit. */
  async remove(file: string): Promise<void> {
    const dir = path.dirname(file);
    if (!this.live.has(dir)) return;
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    this.live.delete(dir);
  }

  /** At quit: synchronous, since the process is about to end; one folder failing does not keep
   * the others (what stays is swept at the next start). */
  removeAllSync(): void {
    for (const dir of [...this.live]) {
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 2, retryDelay: 100 });
        this.live.delete(dir);
      } catch {
        // Left for sweepStale.
      }
    }
  }

  /** Folders a crashed run left behind; only this user's, never one in use by this run. */
  sweepStale(): number {
    let removed = 0;
    let names: string[];
    try {
      names = readdirSync(this.baseDir);
    } catch {
      return 0;
    }
    const uid = typeof process.getuid === 'function' ? process.getuid() : null;
    for (const name of names) {
      if (!name.startsWith(PREFIX)) continue;
      const dir = path.join(this.baseDir, name);
      if (this.live.has(dir)) continue;
      try {
        // lstat: a symlink named like ours (planted in a shared temp folder) is never followed.
        const st = lstatSync(dir);
        if (st.isSymbolicLink() || !st.isDirectory() || (uid !== null && st.uid !== uid)) continue;
        rmSync(dir, { recursive: true, force: true });
        removed += 1;
      } catch {
        // Gone already, or not ours to remove.
      }
    }
    return removed;
  }
}

/** A letter batch kept in the main process after `letters.print`: the renderer prints or saves it
 * by batch id, so the bytes never cross to the renderer and back (ADR 011). */
export interface KeptPdf {
  bytes: Buffer;
  /** Window title, already sanitised. */
  title: string;
  /** Suggested file name, already sanitised. */
  fileName: string;
}

/** The last few batches, in memory only, gone with the process. */
export class PdfBatches {
  private readonly kept = new Map<string, KeptPdf>();

  constructor(private readonly max = KEPT_BATCHES) {}

  keep(batchId: string, pdf: KeptPdf): void {
    this.kept.delete(batchId);
    this.kept.set(batchId, pdf);
    while (this.kept.size > this.max) this.kept.delete(this.kept.keys().next().value as string);
  }

  get(batchId: unknown): KeptPdf | null {
    return typeof batchId === 'string' ? (this.kept.get(batchId) ?? null) : null;
  }

  ids(): string[] {
    return [...this.kept.keys()];
  }

  clear(): void {
    this.kept.clear();
  }
}

/** « Enregistrer en PDF »: a new 0600 file next to the target, then renamed over it, so that an
 * existing file chosen in the dialog does not keep its old (perhaps readable) mode. */
export async function writePrivateFile(target: string, bytes: Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, bytes, { mode: 0o600, flag: 'wx' });
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** What `printInWindow` needs of a BrowserWindow; Electron's satisfies it, tests pass a stand-in. */
export interface PrintWindowLike {
  readonly webContents: PdfReadySource & {
    print(options: { silent: boolean; printBackground: boolean }, callback: (success: boolean, failureReason: string) => void): void;
  };
  once(event: 'closed', listener: () => void): unknown;
  loadFile(file: string): Promise<void>;
  show(): void;
  close(): void;
  destroy(): void;
  isDestroyed(): boolean;
}

export interface PrintInWindowOptions {
  files: PrivatePdfFiles;
  registry: PrintWindowRegistry;
  bytes: Uint8Array;
  title: string;
  /** Creates the (hidden) window with these options. */
  open: (options: BrowserWindowConstructorOptions) => PrintWindowLike;
  readyTimeoutMs?: number;
}

/**
 * Shows the PDF in the built-in viewer and opens the system print dialog once it is ready. Always
 * settles: closing the window at any point is a cancellation, and the file goes with the window.
 */
export async function printInWindow({ files, registry, bytes, title, open, readyTimeoutMs }: PrintInWindowOptions): Promise<PrintOutcome> {
  const file = await files.write(bytes);
  let win: PrintWindowLike;
  try {
    win = open(printWindowOptions(title));
  } catch {
    await files.remove(file).catch(() => undefined);
    throw new PrintFailure('La fenêtre d’impression n’a pas pu s’ouvrir.');
  }
  // Registered before anything loads: the CSP and navigation guards look the contents up.
  registry.register(win.webContents, pathToFileURL(file).href);
  const closed = new Promise<void>((resolve) => {
    win.once('closed', () => resolve());
  });
  // A failed removal stays listed and goes at quit; it must not become an unhandled rejection.
  void closed.then(() => files.remove(file)).catch(() => undefined);
  // Subscribed before loading: the viewer may be ready before loadFile resolves.
  const ready = waitForPdfReady(win.webContents, readyTimeoutMs);
  try {
    await win.loadFile(file);
  } catch {
    if (win.isDestroyed()) return 'cancelled';
    win.destroy();
    throw new PrintFailure('Le courrier n’a pas pu être affiché pour l’impression.');
  }
  if (win.isDestroyed()) return 'cancelled';
  win.show();
  if (!(await ready)) {
    // The viewer is still loading (or the window was closed): the person prints with the
    // viewer's own button; the file goes when the window closes.
    return win.isDestroyed() ? 'cancelled' : 'manual';
  }
  return new Promise<PrintOutcome>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    // The dialog may never call back if the window goes first.
    void closed.then(() => settle(() => resolve('cancelled')));
    win.webContents.print({ silent: false, printBackground: true }, (success, failureReason) => {
      const outcome = printOutcome(success, failureReason);
      settle(() => (outcome === 'failed' ? reject(new PrintFailure('L’impression a échoué. Vérifiez l’imprimante puis réessayez.')) : resolve(outcome)));
      if (!win.isDestroyed()) win.close();
    });
  });
}
