import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvent, Result } from '../../shared/contract';
import { IPC, type PrintOutcome } from '../../shared/contract/bridge';
import { installIpcTransport, type PdfActions } from './ipc';
import {
  appliesAppCsp,
  decodePdfArg,
  isAllowedPrintFrameNavigation,
  MAX_PDF_BYTES,
  PDF_VIEWER_ORIGIN,
  PrintFailure,
  printOutcome,
  printWindowOptions,
  PrivatePdfFiles,
  safePdfFileName,
  safeTitle,
  waitForPdfReady,
  type PdfReadySource,
} from './print';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n', 'latin1');
const pdfBase64 = PDF.toString('base64');

describe('printWindowOptions', () => {
  it('locks the print window down and enables only the PDF viewer', () => {
    const o = printWindowOptions('Impression – Classe 6A');
    const wp = o.webPreferences!;
    expect(o.show).toBe(false);
    expect(o.title).toBe('Impression – Classe 6A');
    expect(wp.preload).toBeUndefined();
    expect(wp.sandbox).toBe(true);
    expect(wp.contextIsolation).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
    expect(wp.webSecurity).toBe(true);
    expect(wp.allowRunningInsecureContent).toBe(false);
    expect(wp.webviewTag).toBe(false);
    expect(wp.experimentalFeatures).toBe(false);
    expect(wp.navigateOnDragDrop).toBe(false);
    expect(wp.devTools).toBe(false);
    expect(wp.plugins).toBe(true);
    // A non-persistent partition would leave the viewer blank; a persistent one writes a cache.
    expect(wp.partition).toBeUndefined();
    expect(wp.session).toBeUndefined();
  });
});

describe('checks on what the renderer sends', () => {
  it('accepts the base64 of a PDF and nothing else', () => {
    expect(decodePdfArg(pdfBase64)?.equals(PDF)).toBe(true);
    expect(decodePdfArg(Buffer.from('<html>hello</html>').toString('base64'))).toBeNull();
    expect(decodePdfArg('%PDF-1.7')).toBeNull();
    expect(decodePdfArg(`${pdfBase64.slice(0, -4)}!!!!`)).toBeNull();
    expect(decodePdfArg('')).toBeNull();
    expect(decodePdfArg(42)).toBeNull();
    expect(decodePdfArg(null)).toBeNull();
    expect(decodePdfArg({ pdfBase64 })).toBeNull();
    expect(decodePdfArg('A'.repeat(Math.ceil(MAX_PDF_BYTES / 3) * 4 + 4))).toBeNull();
  });

  it('turns any suggested name into a bare .pdf file name', () => {
    expect(safePdfFileName('courriers-6A-2026-11-25.pdf')).toBe('courriers-6A-2026-11-25.pdf');
    expect(safePdfFileName('courriers-Mme-WOJCIK')).toBe('courriers-Mme-WOJCIK.pdf');
    expect(safePdfFileName('../../etc/passwd')).toBe('etc-passwd.pdf');
    expect(safePdfFileName('C:\\Windows\\evil.pdf')).toBe('C-Windows-evil.pdf');
    expect(safePdfFileName('a\u0000b\nc.pdf')).toBe('a-b-c.pdf');
    expect(safePdfFileName('...')).toBe('courriers.pdf');
    expect(safePdfFileName(undefined)).toBe('courriers.pdf');
    expect(safePdfFileName('x'.repeat(500)).length).toBeLessThanOrEqual(124);
  });

  it('makes a one-line window title', () => {
    expect(safeTitle('Classe 6A')).toBe('Impression – Classe 6A');
    expect(safeTitle('a\nb')).toBe('Impression – a b');
    expect(safeTitle(7)).toBe('Impression des courriers');
  });
});

describe('print outcome', () => {
  it('tells printed, cancelled and failed apart', () => {
    expect(printOutcome(true, '')).toBe('printed');
    expect(printOutcome(false, 'Print job canceled')).toBe('cancelled');
    expect(printOutcome(false, 'Print job failed')).toBe('failed');
    expect(printOutcome(false, 'Invalid printer settings')).toBe('failed');
  });
});

describe('print window navigation', () => {
  const pdfUrl = 'file:///tmp/sesame-print-abc/courriers.pdf';
  it('keeps the main frame on its PDF and lets only the viewer in subframes', () => {
    expect(isAllowedPrintFrameNavigation(pdfUrl, pdfUrl, true)).toBe(true);
    expect(isAllowedPrintFrameNavigation(`${PDF_VIEWER_ORIGIN}/index.html`, pdfUrl, false)).toBe(true);
    expect(isAllowedPrintFrameNavigation('about:blank', pdfUrl, false)).toBe(true);
    expect(isAllowedPrintFrameNavigation(`${PDF_VIEWER_ORIGIN}/index.html`, pdfUrl, true)).toBe(false);
    expect(isAllowedPrintFrameNavigation('https://educonnect.education.gouv.fr/', pdfUrl, true)).toBe(false);
    expect(isAllowedPrintFrameNavigation('https://evil.test/', pdfUrl, false)).toBe(false);
    expect(isAllowedPrintFrameNavigation('file:///etc/passwd', pdfUrl, false)).toBe(false);
    expect(isAllowedPrintFrameNavigation('chrome-extension://otherextensionid/x.html', pdfUrl, false)).toBe(false);
    expect(isAllowedPrintFrameNavigation('not a url', pdfUrl, false)).toBe(false);
  });

  it('leaves the viewer its own headers and gives every other response the app CSP', () => {
    expect(appliesAppCsp(`${PDF_VIEWER_ORIGIN}/index.html`)).toBe(false);
    expect(appliesAppCsp('file:///opt/Sesame/resources/app.asar/dist/renderer/index.html')).toBe(true);
    expect(appliesAppCsp(`${PDF_VIEWER_ORIGIN}.evil.test/`)).toBe(true);
    expect(appliesAppCsp('https://evil.test/')).toBe(true);
  });
});

describe('waitForPdfReady', () => {
  const source = () => new EventEmitter() as EventEmitter & PdfReadySource;

  it('resolves true when the viewer is ready, and removes its listeners', async () => {
    const s = source();
    const ready = waitForPdfReady(s, 5_000);
    s.emit('-pdf-ready-to-print');
    expect(await ready).toBe(true);
    expect(s.listenerCount('-pdf-ready-to-print') + s.listenerCount('destroyed') + s.listenerCount('render-process-gone')).toBe(0);
  });

  it('resolves false when the window goes or time runs out', async () => {
    const s = source();
    const gone = waitForPdfReady(s, 5_000);
    s.emit('destroyed');
    expect(await gone).toBe(false);
    const crashed = source();
    const p = waitForPdfReady(crashed, 5_000);
    crashed.emit('render-process-gone');
    expect(await p).toBe(false);
    const slow = source();
    expect(await waitForPdfReady(slow, 20)).toBe(false);
    expect(slow.listenerCount('-pdf-ready-to-print')).toBe(0);
  });
});

describe('PrivatePdfFiles', () => {
  let base: string;
  beforeEach(() => {
    // Not 'sesame-print-…': a running Sésame would sweep it as a leftover.
    base = mkdtempSync(path.join(tmpdir(), 'sesame-pdf-files-test-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const mode = (p: string) => statSync(p).mode & 0o777;

  it('writes each PDF 0600 in its own 0700 folder and removes it', async () => {
    const files = new PrivatePdfFiles(base);
    const a = await files.write(PDF);
    const b = await files.write(PDF, '../../escape.pdf');
    expect(path.dirname(a)).not.toBe(path.dirname(b));
    expect(path.dirname(path.dirname(b))).toBe(base);
    expect(readFileSync(a).equals(PDF)).toBe(true);
    if (process.platform !== 'win32') {
      expect(mode(a)).toBe(0o600);
      expect(mode(path.dirname(a))).toBe(0o700);
    }
    expect(files.pending()).toHaveLength(2);
    await files.remove(a);
    expect(existsSync(a)).toBe(false);
    expect(existsSync(path.dirname(a))).toBe(false);
    await files.remove(a); // closing twice is harmless
    expect(files.pending()).toEqual([path.dirname(b)]);
  });

  it('removes everything at quit, synchronously', async () => {
    const files = new PrivatePdfFiles(base);
    const a = await files.write(PDF);
    const b = await files.write(PDF);
    files.removeAllSync();
    expect(existsSync(a) || existsSync(b)).toBe(false);
    expect(files.pending()).toEqual([]);
  });

  it('sweeps what a crashed run left, and only that', async () => {
    const leftover = path.join(base, 'sesame-print-crashed');
    mkdirSync(leftover);
    writeFileSync(path.join(leftover, 'courriers.pdf'), PDF);
    const unrelated = path.join(base, 'other-app');
    mkdirSync(unrelated);
    const files = new PrivatePdfFiles(base);
    const inUse = await files.write(PDF);
    expect(files.sweepStale()).toBe(1);
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(unrelated)).toBe(true);
    expect(existsSync(inUse)).toBe(true);
  });
});

// A stand-in for Electron's ipcMain (not one of our components): it records the handlers.
function fakeIpc() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  return {
    handlers,
    ipcMain: {
      handle: (channel: string, fn: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => void handlers.set(channel, fn),
      removeHandler: (channel: string) => void handlers.delete(channel),
    },
  };
}

describe('PDF IPC channels', () => {
  const appUrl = 'file:///opt/Sesame/resources/app.asar/dist/renderer/index.html';
  const mainFrame = { url: `${appUrl}#/responsables` };
  const contents = { mainFrame, isDestroyed: () => false, send: () => undefined } as unknown as WebContents;
  const fromApp = { sender: contents, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent;
  const core = { dispatch: async () => ({ ok: true, value: null }) as Result<never>, subscribe: (_l: (e: AppEvent) => void) => () => undefined };

  function install(actions: Partial<PdfActions> = {}) {
    const calls: Array<{ what: string; bytes: Buffer; text: string }> = [];
    const pdf: PdfActions = {
      print: async (bytes, title) => {
        calls.push({ what: 'print', bytes, text: title });
        return 'printed' satisfies PrintOutcome;
      },
      save: async (bytes, fileName) => {
        calls.push({ what: 'save', bytes, text: fileName });
        return true;
      },
      ...actions,
    };
    const ipc = fakeIpc();
    const remove = installIpcTransport({ ipcMain: ipc.ipcMain, core, appUrl, target: () => contents, pdf });
    const call = (channel: string, event: IpcMainInvokeEvent, input: unknown) => ipc.handlers.get(channel)!(event, input) as Promise<Result<unknown>>;
    return { calls, call, remove, ipc };
  }

  it('prints and saves a valid PDF from the app window', async () => {
    const { calls, call } = install();
    expect(await call(IPC.printPdf, fromApp, { pdfBase64, title: 'Classe 6A' })).toEqual({ ok: true, value: { outcome: 'printed' } });
    expect(await call(IPC.savePdf, fromApp, { pdfBase64, fileName: '../courriers-6A.pdf' })).toEqual({ ok: true, value: { saved: true } });
    expect(calls.map((c) => [c.what, c.text])).toEqual([
      ['print', 'Impression – Classe 6A'],
      ['save', 'courriers-6A.pdf'],
    ]);
    expect(calls.every((c) => c.bytes.equals(PDF))).toBe(true);
  });

  it('refuses another window, a subframe or a foreign page, and anything but a PDF', async () => {
    const { calls, call } = install();
    const other = { mainFrame: { url: appUrl } } as unknown as WebContents;
    const refusals = [
      { sender: other, senderFrame: (other as unknown as { mainFrame: unknown }).mainFrame },
      { sender: contents, senderFrame: { url: appUrl } },
      { sender: contents, senderFrame: null },
    ] as unknown as IpcMainInvokeEvent[];
    for (const event of refusals) {
      const r = await call(IPC.printPdf, event, { pdfBase64, title: 'x' });
      expect(!r.ok && r.error.code).toBe('forbidden');
    }
    const foreign = { sender: contents, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent;
    (mainFrame as { url: string }).url = 'https://evil.test/';
    expect(((await call(IPC.savePdf, foreign, { pdfBase64, fileName: 'x.pdf' })) as { ok: boolean }).ok).toBe(false);
    (mainFrame as { url: string }).url = `${appUrl}#/responsables`;
    for (const input of [null, 'x', { pdfBase64: 'PGh0bWw+' }, { pdfBase64: 42 }, { title: 'x' }]) {
      const r = await call(IPC.printPdf, fromApp, input);
      expect(!r.ok && r.error.code).toBe('invalid_input');
    }
    expect(calls).toEqual([]);
  });

  it('reports failures in French without leaking file system details', async () => {
    const { call } = install({
      print: async () => {
        throw new PrintFailure('L’impression a échoué. Vérifiez l’imprimante puis réessayez.');
      },
      save: async () => {
        throw Object.assign(new Error("EACCES: permission denied, open '/home/secr/courriers.pdf'"), { code: 'EACCES' });
      },
    });
    const printed = await call(IPC.printPdf, fromApp, { pdfBase64, title: 'x' });
    expect(!printed.ok && printed.error.message).toBe('L’impression a échoué. Vérifiez l’imprimante puis réessayez.');
    const saved = await call(IPC.savePdf, fromApp, { pdfBase64, fileName: 'x.pdf' });
    expect(!saved.ok && saved.error.message).toMatch(/n’a pas pu être enregistré/);
    expect(JSON.stringify(saved)).not.toContain('/home/secr');
  });

  it('removes its handlers', () => {
    const { remove, ipc } = install();
    expect([...ipc.handlers.keys()].sort()).toEqual([IPC.invoke, IPC.printPdf, IPC.savePdf].sort());
    remove();
    expect(ipc.handlers.size).toBe(0);
  });
});
