import type { Transport, RpcReply } from '../../shared/api/transport';

export interface WsTransport extends Transport {
  onConnectionChange(listener: (connected: boolean) => void): () => void;
}

/**
 * Browser mode: JSON messages over a WebSocket to the local host, authenticated by the token from
 * the page URL. Reconnects after a drop; calls made while disconnected wait for the connection.
 */
export function wsTransport(url: string): WsTransport {
  let socket: WebSocket | undefined;
  let nextId = 1;
  let connected = false;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(c: boolean) => void>();
  let ready: Promise<WebSocket>;

  const setConnected = (value: boolean) => {
    if (connected === value) return;
    connected = value;
    for (const l of connectionListeners) l(value);
  };

  const connect = (): Promise<WebSocket> =>
    new Promise((resolve) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        setConnected(true);
        resolve(ws);
      };
      ws.onmessage = (msg) => {
        const data = JSON.parse(String(msg.data)) as { id?: number; reply?: RpcReply; event?: string; payload?: unknown };
        if (typeof data.id === 'number' && data.reply) {
          const waiter = pending.get(data.id);
          pending.delete(data.id);
          if (data.reply.ok) waiter?.resolve(data.reply.result);
          else waiter?.reject(data.reply.error);
        } else if (data.event) {
          for (const l of listeners.get(data.event) ?? []) l(data.payload);
        }
      };
      ws.onclose = () => {
        setConnected(false);
        socket = undefined;
        for (const [id, waiter] of pending) {
          waiter.reject({ code: 'common.offline', message: 'Lost the connection to the SNO Field Kit host.', params: { host: new URL(url).host } });
          pending.delete(id);
        }
        // Reconnect in the background; the UI shows a banner meanwhile.
        setTimeout(() => {
          ready = connect();
        }, 1000);
      };
    });
  ready = connect();

  return {
    async invoke(method, input) {
      const ws = socket ?? (await ready);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ id, method, input }));
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}

/** The WebSocket URL for this page: same host and port, token from ?token= */
export function wsUrlFromLocation(location: Location): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  return `ws://${location.host}/rpc?token=${encodeURIComponent(token)}`;
}
