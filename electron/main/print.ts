// Pure and file-system pieces of printing a letter PDF in Electron: the print window's options,
// the checks on what the renderer sends, the frame guard of the print window, and the private
// temporary file the PDF viewer reads. Only Electron *types* are imported, so unit tests run
// without Electron's binary. Why a window with the built-in viewer: docs/decisions/011-printing-letters-in-electron.md.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { PrintOutcome } from '../../shared/contract/bridge';

/** A failure whose French message may be shown as is (it never quotes the PDF). */
export class PrintFailure extends Error {
  override readonly name = 'PrintFailure';
}

/** Chromium's PDF viewer: a component extension with a fixed id, the same in every Electron. */
export const PDF_VIEWER_ORIGIN = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai';

/** A batch of 5,000 letters weighs about 15 MB; anything much larger is not one of ours. */
export const MAX_PDF_BYTES = 64 * 1024 * 1024;

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
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: false,
      plugins: true,
    },
  };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The PDF bytes the renderer sends (base64 of a PDF), or null when it is anything else. */
export function decodePdfArg(value: unknown): Buffer | null {
  if (typeof value !== 'string' || value.length === 0 || value.length % 4 !== 0) return null;
  if (value.length > Math.ceil(MAX_PDF_BYTES / 3) * 4) return null;
  if (!BASE64.test(value)) return null;
  const bytes = Buffer.from(value, 'base64');
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-' ? bytes : null;
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
  try {
    // `origin` is "null" for non-special schemes in WHATWG URL: compare scheme and host instead.
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === PDF_VIEWER_ORIGIN && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** The app's Content-Security-Policy goes on every response but the PDF viewer's: its
 * `frame-ancestors 'none'` would stop the viewer from loading inside the print window. */
export function appliesAppCsp(url: string): boolean {
  return !url.startsWith(`${PDF_VIEWER_ORIGIN}/`);
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

  async remove(file: string): Promise<void> {
    const dir = path.dirname(file);
    if (!this.live.delete(dir)) return;
    await rm(dir, { recursive: true, force: true });
  }

  /** At quit: synchronous, since the process is about to end. */
  removeAllSync(): void {
    for (const dir of this.live) rmSync(dir, { recursive: true, force: true });
    this.live.clear();
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
        const st = statSync(dir);
        if (!st.isDirectory() || (uid !== null && st.uid !== uid)) continue;
        rmSync(dir, { recursive: true, force: true });
        removed += 1;
      } catch {
        // Gone already, or not ours to remove.
      }
    }
    return removed;
  }
}
