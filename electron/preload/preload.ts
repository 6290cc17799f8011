// The preload exposes window.sesame = { invoke, subscribe, pdf } and nothing else: no ipcRenderer,
// no process, no Node. `pdf` (print, save as) exists only here, which is how the renderer knows it
// runs in Electron. It runs sandboxed, so the bundle may only require('electron') (checked by
// scripts/build.mjs); the channel names are inlined from the contract at build time.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { SesameBridge } from '../../shared/contract/bridge';
import { IPC } from '../../shared/contract/bridge';
import type { AppEvent } from '../../shared/contract/events';

const bridge: SesameBridge = {
  invoke(name, input) {
    return ipcRenderer.invoke(IPC.invoke, name, input);
  },
  pdf: {
    print(input) {
      return ipcRenderer.invoke(IPC.printPdf, { batchId: input.batchId });
    },
    save(input) {
      return ipcRenderer.invoke(IPC.savePdf, { batchId: input.batchId });
    },
  },
  subscribe(listener: (event: AppEvent) => void) {
    // Each subscription removes exactly the handler it added.
    const handler = (_event: IpcRendererEvent, appEvent: AppEvent) => listener(appEvent);
    ipcRenderer.on(IPC.event, handler);
    return () => {
      ipcRenderer.removeListener(IPC.event, handler);
    };
  },
};

contextBridge.exposeInMainWorld('sesame', bridge);
