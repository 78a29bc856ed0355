import type { WireError } from './errors';

/**
 * What a client needs from a transport (Electron IPC, WebSocket, in-memory). Values are plain
 * JSON-compatible data; schema checks happen in the client (outputs) and the dispatcher (inputs).
 */
export interface Transport {
  invoke(method: string, input: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

/** The reply shape shared by the IPC and WebSocket transports. */
export type RpcReply = { ok: true; result: unknown } | { ok: false; error: WireError };
