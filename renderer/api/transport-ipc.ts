import type { Transport, RpcReply } from '../../shared/api/transport';

/** What electron/preload.ts exposes as window.sfk */
export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<RpcReply>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export function ipcTransport(bridge: PreloadBridge): Transport {
  return {
    async invoke(method, input) {
      const reply = await bridge.invoke(method, input);
      if (!reply.ok) throw reply.error;
      return reply.result;
    },
    subscribe: (event, listener) => bridge.on(event, listener),
  };
}
