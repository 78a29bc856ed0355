import { methods, isMethodName } from '../../shared/api/contract';
import { AppError, toWireError } from '../../shared/api/errors';
import type { RpcReply } from '../../shared/api/transport';
import type { HandlerContext, Handlers } from './handler-types';

export type Dispatch = (method: unknown, input: unknown, ctx: HandlerContext) => Promise<RpcReply>;

/**
 * The single entry point every transport calls: unknown names are refused, input is parsed with
 * the contract's schema before the handler runs, the output is parsed before it leaves, and every
 * failure becomes a WireError {code, message, params}.
 */
export function createDispatcher(handlers: Handlers, onError?: (method: string, err: unknown) => void): Dispatch {
  return async (name, rawInput, ctx) => {
    if (!isMethodName(name)) {
      return { ok: false, error: new AppError('common.unknownMethod', { method: String(name).slice(0, 80) }).toWire() };
    }
    const spec = methods[name];
    try {
      const input = spec.input.parse(rawInput);
      const handler = handlers[name] as (input: unknown, ctx: HandlerContext) => unknown;
      const result = spec.output.parse(await handler(input, ctx));
      return { ok: true, result };
    } catch (err) {
      onError?.(name, err);
      return { ok: false, error: toWireError(err) };
    }
  };
}
