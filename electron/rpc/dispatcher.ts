import { methods, isMethodName } from '../../shared/api/contract';
import { AppError, toWireError } from '../../shared/api/errors';
import type { RpcReply } from '../../shared/api/transport';
import type { HandlerContext, Handlers } from './handler-types';
import { checkInputSize, INPUT_LIMITS } from './input-limits';

export type Dispatch = (method: unknown, input: unknown, ctx: HandlerContext) => Promise<RpcReply>;

/**
 * The single entry point every transport calls: unknown names are refused, input is parsed with
 * the contract's schema before the handler runs, the output is parsed before it leaves, and every
 * failure becomes a WireError {code, message, params}.
 */
export function createDispatcher(handlers: Handlers, onError?: (method: string, err: unknown) => void): Dispatch {
  return async (name, rawInput, ctx) => {
    if (!isMethodName(name)) {
      return { ok: false, error: new AppError('common.unknownMethod', { method: describeName(name) }).toWire() };
    }
    const spec = methods[name];
    try {
      if (checkInputSize(rawInput)) throw new AppError('common.inputTooLarge', { values: INPUT_LIMITS.values, depth: INPUT_LIMITS.depth });
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

/** What the client sent as a method name, safe to echo: never String() on a value a client built (it may throw or recurse). */
function describeName(name: unknown): string {
  return typeof name === 'string' ? name.slice(0, 80) : `(${name === null ? 'null' : typeof name})`;
}
