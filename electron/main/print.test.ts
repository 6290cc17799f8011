import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvent, Result } from '../../shared/contract';
import { IPC, type PrintOutcome } from '../../shared/contract/bridge';
import type { LettersPrintOutput } from '../../shared/contract/letters';
import { installIpcTransport, type PdfActions } from './ipc';
import {
  appliesAppCsp,
  isAllowedPrintFrameNavigation,
  KEPT_BATCHES,
  PdfBatches,
  PDF_VIEWER_ORIGIN,
  PrintFailure,
  printInWindow,
  printOutcome,
  printWindowOptions,
  PrintWindowRegistry,
  PrivatePdfFiles,
  safePdfFileName,
  safeTitle,
  waitForPdfReady,
  writePrivateFile,
  type PdfReadySource,
  type PrintWindowLike,
} from './print';
import { navigationAllowed } from './security';
import { windowOptions } from './window';

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

  it('shares its security switches with the app window', () => {
    const print = printWindowOptions('x').webPreferences!;
    const app = windowOptions('/p/preload.js').webPreferences!;
    for (const key of ['contextIsolation', 'sandbox', 'nodeIntegration', 'webSecurity', 'allowRunningInsecureContent', 'webviewTag', 'navigateOnDragDrop', 'disableBlinkFeatures', 'safeDialogs'] as const) {
      expect(print[key]).toBe(app[key]);
    }
  });
});

describe('names and titles', () => {
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

  it('leaves only registered print windows without the app CSP, whatever the URL', () => {
    const registry = new PrintWindowRegistry();
    const printWindow = {};
    const appWindow = {};
    registry.register(printWindow, pdfUrl);
    expect(appliesAppCsp(printWindow, registry)).toBe(false);
    expect(appliesAppCsp(appWindow, registry)).toBe(true);
    // A request without contents (a service worker, the session itself) keeps the CSP.
    expect(appliesAppCsp(undefined, registry)).toBe(true);
    expect(appliesAppCsp(null, registry)).toBe(true);
    expect(registry.pdfUrlOf(printWindow)).toBe(pdfUrl);
    expect(registry.pdfUrlOf(appWindow)).toBeNull();
  });

  it('applies the print rule to every navigation event of a print window, the app rule elsewhere', () => {
    const appUrl = 'file:///opt/Sesame/resources/app.asar/dist/renderer/index.html';
    // will-navigate / will-redirect are main-frame events.
    expect(navigationAllowed(pdfUrl, appUrl, pdfUrl, true)).toBe(true);
    expect(navigationAllowed(pdfUrl, appUrl, `${appUrl}#/responsables`, true)).toBe(false);
    expect(navigationAllowed(pdfUrl, appUrl, 'https://evil.test/', true)).toBe(false);
    expect(navigationAllowed(pdfUrl, appUrl, `${PDF_VIEWER_ORIGIN}/index.html`, false)).toBe(true);
    expect(navigationAllowed(null, appUrl, `${appUrl}#/responsables`, true)).toBe(true);
    expect(navigationAllowed(null, appUrl, pdfUrl, true)).toBe(false);
    expect(navigationAllowed(null, appUrl, `${PDF_VIEWER_ORIGIN}/index.html`, false)).toBe(false);
    expect(navigationAllowed(null, appUrl, 'blob:file:///abc', false)).toBe(true);
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

  it('keeps a folder it could not remove listed, for quit, and quit never throws', async () => {
    const sub = path.join(base, 'sub');
    mkdirSync(sub);
    const files = new PrivatePdfFiles(sub);
    const file = await files.write(PDF);
    // The temp folder's parent turns into a file: removing the folder fails (ENOTDIR).
    rmSync(sub, { recursive: true, force: true });
    writeFileSync(sub, 'not a folder');
    await expect(files.remove(file)).rejects.toThrow();
    expect(files.pending()).toEqual([path.dirname(file)]);
    expect(() => files.removeAllSync()).not.toThrow();
    expect(files.pending()).toEqual([path.dirname(file)]);
    // Once removable, it goes.
    rmSync(sub);
    mkdirSync(sub);
    files.removeAllSync();
    expect(files.pending()).toEqual([]);
  });

  it('never follows a symlink named like its folders', async () => {
    const target = path.join(base, 'precious');
    mkdirSync(target);
    writeFileSync(path.join(target, 'keep.txt'), 'x');
    symlinkSync(target, path.join(base, 'sesame-print-planted'));
    expect(new PrivatePdfFiles(base).sweepStale()).toBe(0);
    expect(existsSync(path.join(target, 'keep.txt'))).toBe(true);
  });
});

describe('writePrivateFile (save as)', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(path.join(tmpdir(), 'sesame-save-test-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('replaces an existing readable file with a 0600 one and leaves no temp file', async () => {
    const target = path.join(base, 'courriers.pdf');
    writeFileSync(target, 'old', { mode: 0o644 });
    await writePrivateFile(target, PDF);
    expect(readFileSync(target).equals(PDF)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(base)).toEqual(['courriers.pdf']);
  });

  it('cleans up its temp file when the folder does not exist', async () => {
    await expect(writePrivateFile(path.join(base, 'missing', 'x.pdf'), PDF)).rejects.toThrow();
    expect(readdirSync(base)).toEqual([]);
  });
});

describe('PdfBatches', () => {
  const kept = (n: number) => ({ bytes: Buffer.from(`%PDF-${n}`), title: `t${n}`, fileName: `f${n}.pdf` });

  it('keeps only the last few batches, most recently kept last', () => {
    const batches = new PdfBatches();
    for (let i = 1; i <= KEPT_BATCHES + 2; i++) batches.keep(`b${i}`, kept(i));
    expect(batches.ids()).toEqual(Array.from({ length: KEPT_BATCHES }, (_, i) => `b${i + 3}`));
    expect(batches.get('b1')).toBeNull();
    expect(batches.get(`b${KEPT_BATCHES + 2}`)?.title).toBe(`t${KEPT_BATCHES + 2}`);
    expect(batches.get(42)).toBeNull();
    expect(batches.get({ batchId: 'b5' })).toBeNull();
    batches.clear();
    expect(batches.ids()).toEqual([]);
  });
});

// A stand-in for Electron's BrowserWindow (not one of our components): it records what is done to
// it and emits the events a real window would.
class FakeWindow extends EventEmitter implements PrintWindowLike {
  destroyed = false;
  shown = false;
  loaded: string | null = null;
  printCallback: ((success: boolean, reason: string) => void) | null = null;
  loadError: Error | null = null;
  readonly webContents: PrintWindowLike['webContents'];

  constructor(readonly options: unknown) {
    super();
    const contents = new EventEmitter() as EventEmitter & PrintWindowLike['webContents'];
    contents.print = (_opts, cb) => {
      this.printCallback = cb;
    };
    this.webContents = contents;
  }
  async loadFile(file: string): Promise<void> {
    if (this.loadError) throw this.loadError;
    this.loaded = file;
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  viewerReady(): void {
    (this.webContents as unknown as EventEmitter).emit('-pdf-ready-to-print');
  }
}

describe('printInWindow', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(path.join(tmpdir(), 'sesame-print-window-test-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const tick = () => new Promise((r) => setTimeout(r, 10));
  /** File system steps take a moment: polls until `cond` holds (or fails the test after 2 s). */
  async function until(cond: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !cond(); i++) await tick();
    expect(cond()).toBe(true);
  }

  async function start(setup: (w: FakeWindow) => void = () => undefined) {
    const files = new PrivatePdfFiles(base);
    const registry = new PrintWindowRegistry();
    let win: FakeWindow | null = null;
    const registeredBeforeLoad: boolean[] = [];
    const outcome = printInWindow({
      files,
      registry,
      bytes: PDF,
      title: 'Impression – Classe 6A',
      readyTimeoutMs: 2_000,
      open: (options) => {
        win = new FakeWindow(options);
        const load = win.loadFile.bind(win);
        win.loadFile = (file) => {
          registeredBeforeLoad.push(registry.pdfUrlOf(win!.webContents) !== null);
          return load(file);
        };
        setup(win);
        return win;
      },
    });
    // Handled here so that a rejection while polling is not "unhandled"; tests still await it.
    outcome.catch(() => undefined);
    // Shown (or failed to load) means the window is past loadFile.
    await until(() => win !== null && (win.shown || win.loadError !== null));
    return { files, registry, outcome, win: () => win!, registeredBeforeLoad };
  }

  it('registers the window before loading, prints once the viewer is ready, and removes the file', async () => {
    const { files, registry, outcome, win, registeredBeforeLoad } = await start();
    const w = win();
    expect(registeredBeforeLoad).toEqual([true]);
    expect(registry.pdfUrlOf(w.webContents)).toMatch(/^file:\/\/.*\/courriers\.pdf$/);
    expect((w.options as { title: string }).title).toBe('Impression – Classe 6A');
    expect(w.shown).toBe(true);
    expect(readFileSync(w.loaded!).equals(PDF)).toBe(true);
    w.viewerReady();
    await tick();
    w.printCallback!(true, '');
    expect(await outcome).toBe('printed');
    expect(w.isDestroyed()).toBe(true);
    await until(() => files.pending().length === 0);
    expect(existsSync(w.loaded!)).toBe(false);
  });

  it('settles as cancelled when the window is closed during the print dialog', async () => {
    const { files, outcome, win } = await start();
    win().viewerReady();
    await tick();
    win().close(); // the dialog never calls back
    expect(await outcome).toBe('cancelled');
    await until(() => files.pending().length === 0);
  });

  it('settles as cancelled when the window is closed before the viewer is ready', async () => {
    const { outcome, win } = await start();
    (win().webContents as unknown as EventEmitter).emit('destroyed');
    win().close();
    expect(await outcome).toBe('cancelled');
  });

  it('reports a print failure in French and still removes the file', async () => {
    const { files, outcome, win } = await start();
    win().viewerReady();
    await tick();
    win().printCallback!(false, 'Print job failed');
    await expect(outcome).rejects.toThrow(PrintFailure);
    await until(() => files.pending().length === 0);
  });

  it('destroys the window and removes the file when the PDF cannot be shown', async () => {
    const { files, outcome } = await start((w) => {
      w.loadError = new Error('ERR_FAILED');
    });
    await expect(outcome).rejects.toThrow('Le courrier n’a pas pu être affiché pour l’impression.');
    await until(() => files.pending().length === 0);
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
  const printed: LettersPrintOutput = {
    batchId: 'batch-1',
    title: 'Classe 6A',
    fileName: '../courriers-6A.pdf',
    pdfBase64,
    letters: 1,
    credentials: 1,
    reminders: 0,
    pages: 2,
    excluded: [],
  };
  // What the core answers, per call name (the core itself is tested elsewhere).
  const core = {
    dispatch: async (name: string) => (name === 'letters.print' ? { ok: true, value: printed } : { ok: true, value: null }) as Result<never>,
    subscribe: (_l: (e: AppEvent) => void) => () => undefined,
  };

  function install(actions: Partial<PdfActions> = {}, target: () => WebContents | null = () => contents) {
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
    const batches = new PdfBatches();
    const remove = installIpcTransport({ ipcMain: ipc.ipcMain, core, appUrl, target, pdf, batches });
    const call = (channel: string, event: IpcMainInvokeEvent, ...args: unknown[]) => ipc.handlers.get(channel)!(event, ...args) as Promise<Result<unknown>>;
    return { calls, call, remove, ipc, batches };
  }

  it('keeps the PDF of letters.print in the main process and sends the rest without it', async () => {
    const { call, batches } = install();
    const r = (await call(IPC.invoke, fromApp, 'letters.print', { selection: { scope: 'inactive' } })) as Result<LettersPrintOutput>;
    expect(r.ok && r.value.pdfBase64).toBe('');
    expect(r.ok && r.value.batchId).toBe('batch-1');
    expect(batches.get('batch-1')?.bytes.equals(PDF)).toBe(true);
    expect(batches.get('batch-1')?.title).toBe('Impression – Classe 6A');
    expect(batches.get('batch-1')?.fileName).toBe('courriers-6A.pdf');
  });

  it('prints and saves a kept batch by its id, and only that', async () => {
    const { calls, call } = install();
    await call(IPC.invoke, fromApp, 'letters.print', { selection: { scope: 'inactive' } });
    expect(await call(IPC.printPdf, fromApp, { batchId: 'batch-1' })).toEqual({ ok: true, value: { outcome: 'printed' } });
    expect(await call(IPC.savePdf, fromApp, { batchId: 'batch-1' })).toEqual({ ok: true, value: { saved: true } });
    expect(calls.map((c) => [c.what, c.text])).toEqual([
      ['print', 'Impression – Classe 6A'],
      ['save', 'courriers-6A.pdf'],
    ]);
    expect(calls.every((c) => c.bytes.equals(PDF))).toBe(true);
    // Bytes sent by a page are not a batch: there is no such argument any more.
    for (const input of [null, 'batch-1', { batchId: 'other' }, { batchId: 42 }, { pdfBase64 }]) {
      const r = await call(IPC.printPdf, fromApp, input);
      expect(!r.ok && r.error.code).toBe('not_found');
    }
    expect(calls).toHaveLength(2);
  });

  it('refuses another window, a subframe or a foreign page', async () => {
    const { calls, call } = install();
    await call(IPC.invoke, fromApp, 'letters.print', { selection: { scope: 'inactive' } });
    const other = { mainFrame: { url: appUrl } } as unknown as WebContents;
    const refusals = [
      { sender: other, senderFrame: (other as unknown as { mainFrame: unknown }).mainFrame },
      { sender: contents, senderFrame: { url: appUrl } },
      { sender: contents, senderFrame: null },
    ] as unknown as IpcMainInvokeEvent[];
    for (const event of refusals) {
      for (const channel of [IPC.printPdf, IPC.savePdf]) {
        const r = await call(channel, event, { batchId: 'batch-1' });
        expect(!r.ok && r.error.code).toBe('forbidden');
      }
    }
    const foreign = { sender: contents, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent;
    const before = mainFrame.url;
    try {
      mainFrame.url = 'https://evil.test/';
      for (const channel of [IPC.printPdf, IPC.savePdf]) {
        const r = await call(channel, foreign, { batchId: 'batch-1' });
        expect(!r.ok && r.error.code).toBe('forbidden');
      }
    } finally {
      mainFrame.url = before;
    }
    expect(calls).toEqual([]);
  });

  it('refuses every PDF call while the app window does not exist', async () => {
    const { calls, call } = install({}, () => null);
    for (const channel of [IPC.printPdf, IPC.savePdf]) {
      const r = await call(channel, fromApp, { batchId: 'batch-1' });
      expect(!r.ok && r.error.code).toBe('forbidden');
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
    await call(IPC.invoke, fromApp, 'letters.print', { selection: { scope: 'inactive' } });
    const printedNot = await call(IPC.printPdf, fromApp, { batchId: 'batch-1' });
    expect(!printedNot.ok && printedNot.error.message).toBe('L’impression a échoué. Vérifiez l’imprimante puis réessayez.');
    const saved = await call(IPC.savePdf, fromApp, { batchId: 'batch-1' });
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
