import type { WebSocket } from 'ws';
import type { Dispatch } from '../rpc/dispatcher';
import type { EventBus } from '../services/events/event-bus';
import type { Logger } from '../services/logging/logger';

/** Close codes (RFC 6455 §7.4.1) a client sees when the host drops its connection. */
export const CLOSE = {
  /** A binary frame: the API speaks JSON text only */
  unsupportedData: 1003,
  /** Text that is not a request object (ws itself uses it for invalid UTF-8) */
  invalidPayload: 1007,
  /** Something failed while answering; the host carries on */
  internalError: 1011,
} as const;

export const CLOSE_REASON = {
  binary: 'Only JSON text messages are accepted',
  notRequest: 'Expected a JSON object with an id (number or string) and a method',
  internal: 'Internal error while answering; see the host log',
} as const;

export interface Request {
  id: number | string;
  method: unknown;
  input: unknown;
}

/**
 * Reads one text message as a request, or null when it is not one. Only the top level is
 * looked at: the method and input are judged by the dispatcher against the contract.
 */
export function parseRequest(text: string): Request | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { id, method, input } = value as Record<string, unknown>;
  if (typeof id !== 'number' && typeof id !== 'string') return null;
  return { id, method, input };
}

export interface ConnectionOptions {
  dispatch: Dispatch;
  bus: EventBus;
  logger?: Pick<Logger, 'warn'> | undefined;
}

/**
 * One API connection. A bad message from a token holder closes at most this connection, with a
 * code that says why; nothing a client sends may end the process, which also runs downloads,
 * Ignition servers and terminals.
 */
export function serveConnection(ws: WebSocket, options: ConnectionOptions): void {
  const drop = (code: number, reason: string, detail?: string) => {
    options.logger?.warn('browser host closed a connection', { code, reason, ...(detail ? { detail } : {}) });
    ws.close(code, reason);
  };
  const unsubscribe = options.bus.subscribe((event, payload) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
  });
  ws.on('close', unsubscribe);
  // ws reports frames it refuses here (invalid UTF-8: 1007, over maxPayload: 1009) and has
  // already closed the connection with that code. An 'error' without a listener would be thrown.
  ws.on('error', (err) => options.logger?.warn('browser host refused a frame', { error: err.message }));
  ws.on('message', (data, isBinary) => {
    if (isBinary) return drop(CLOSE.unsupportedData, CLOSE_REASON.binary);
    const request = parseRequest(String(data));
    if (!request) return drop(CLOSE.invalidPayload, CLOSE_REASON.notRequest);
    answer(ws, request, options).catch((err: unknown) => drop(CLOSE.internalError, CLOSE_REASON.internal, err instanceof Error ? err.message : String(err)));
  });
}

async function answer(ws: WebSocket, request: Request, options: ConnectionOptions): Promise<void> {
  const reply = await options.dispatch(request.method, request.input, { transport: 'ws' });
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: request.id, reply }));
}
