import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { AppError } from '../shared/api/errors';
import { IPC_INVOKE, IPC_EVENT, isAppUrl } from '../shared/api/ipc-channels';
import type { RpcReply } from '../shared/api/transport';
import type { Dispatch } from './rpc/dispatcher';
import type { EventBus } from './services/events/event-bus';

/**
 * Electron IPC transport, main side. Every call is checked before any handler runs: the sender
 * must be our own page (app://sno-field-kit) in the main frame, never a subframe or a navigated
 * page; then the dispatcher parses the input with the contract's schema. Errors cross as
 * {code, message, params} because ipcMain.handle rejections carry only a message.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch, isTrusted: (url: string) => boolean = isAppUrl): () => void {
  ipcMain.handle(IPC_INVOKE, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => handleInvoke(event, method, input, dispatch, isTrusted));
  return () => ipcMain.removeHandler(IPC_INVOKE);
}

export async function handleInvoke(
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  method: unknown,
  input: unknown,
  dispatch: Dispatch,
  isTrusted: (url: string) => boolean = isAppUrl,
): Promise<RpcReply> {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || !isTrusted(frame.url)) {
    return { ok: false, error: new AppError('common.forbiddenSender').toWire() };
  }
  return dispatch(method, input, { transport: 'ipc' });
}

/** Forwards contract events to the window; returns the unsubscribe function. */
export function forwardEvents(bus: EventBus, send: (channel: string, name: string, payload: unknown) => void): () => void {
  return bus.subscribe((name, payload) => send(IPC_EVENT, name, payload));
}
