// Bundled to dist/electron/preload.cjs (sandboxed preloads must be CommonJS and self-contained).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { methodNames, eventNames } from '../shared/api/contract';
import { IPC_INVOKE, IPC_EVENT } from '../shared/api/ipc-channels';
import type { RpcReply } from '../shared/api/transport';

const METHODS = new Set<string>(methodNames);
const EVENTS = new Set<string>(eventNames);

/**
 * The whole surface the page gets: invoke a contract method, listen to a contract event. Names
 * outside the contract are refused here already; ipcRenderer itself is never exposed, and the
 * IPC event object (with its `sender`) never reaches the page.
 */
contextBridge.exposeInMainWorld('sfk', {
  async invoke(method: string, input: unknown): Promise<RpcReply> {
    if (!METHODS.has(method)) throw new Error(`Unknown method: ${String(method).slice(0, 80)}`);
    return ipcRenderer.invoke(IPC_INVOKE, method, input) as Promise<RpcReply>;
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!EVENTS.has(event)) throw new Error(`Unknown event: ${String(event).slice(0, 80)}`);
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENT, wrapped);
  },
});
