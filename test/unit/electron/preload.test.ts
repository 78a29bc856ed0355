import { describe, expect, it, vi, beforeAll } from 'vitest';
import { methodNames } from '../../../shared/api/contract';
import { IPC_INVOKE, IPC_EVENT } from '../../../shared/api/ipc-channels';

// The preload runs inside Electron; here `electron` is replaced by a recorder so we can check
// exactly what the page is given.
const exposed: Record<string, unknown> = {};
const invoked: unknown[][] = [];
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return { ok: true, result: 'r' };
    },
    on: (channel: string, fn: (...args: unknown[]) => void) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(fn);
      listeners.set(channel, set);
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => void) => void listeners.get(channel)?.delete(fn),
  },
}));

interface Bridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}

beforeAll(async () => {
  await import('../../../electron/preload');
});

describe('preload bridge', () => {
  it('exposes one object with only invoke and on (never ipcRenderer)', () => {
    expect(Object.keys(exposed)).toEqual(['sfk']);
    expect(Object.keys(exposed.sfk as object).sort()).toEqual(['invoke', 'on']);
  });

  it('passes contract method names through one channel and refuses anything else', async () => {
    const bridge = exposed.sfk as Bridge;
    await bridge.invoke(methodNames[0]!, undefined);
    expect(invoked).toEqual([[IPC_INVOKE, methodNames[0], undefined]]);
    await expect(bridge.invoke('shell.openExternal', 'x')).rejects.toThrow(/Unknown method/);
    expect(() => bridge.on('ipc:anything', () => {})).toThrow(/Unknown event/);
    expect(invoked).toHaveLength(1);
  });

  it('strips the IPC event object (with its sender) and unsubscribes', () => {
    const bridge = exposed.sfk as Bridge;
    const got: unknown[][] = [];
    const off = bridge.on('jobs.changed', (...args) => got.push(args));
    const [listener] = [...listeners.get(IPC_EVENT)!];
    listener!({ sender: { secret: 'ipc internals' } }, 'jobs.changed', { id: 'j1' });
    listener!({ sender: {} }, 'settings.changed', { language: 'en' });
    expect(got).toEqual([[{ id: 'j1' }]]);
    off();
    expect(listeners.get(IPC_EVENT)!.size).toBe(0);
  });
});
