import { methods, events, type MethodName, type EventName, type MethodInput, type MethodOutput, type EventPayload } from './contract';
import { AppError, toWireError, wireErrorSchema } from './errors';
import type { Transport } from './transport';

export interface ApiClient {
  call<M extends MethodName>(method: M, ...input: MethodInput<M> extends undefined ? [input?: MethodInput<M>] : [input: MethodInput<M>]): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** A typed client over any transport. Inputs are checked before sending so mistakes surface where they are made. */
export function createClient(transport: Transport): ApiClient {
  return {
    async call(name, ...args) {
      const spec = methods[name];
      // A value the contract refuses becomes the same coded error the other side would send (never
      // the schema library's raw issue list, which would reach the screen as JSON).
      const parsed = spec.input.safeParse(args[0]);
      if (!parsed.success) throw AppError.fromWire(toWireError(parsed.error));
      const input = parsed.data;
      try {
        const raw = await transport.invoke(name, input);
        return spec.output.parse(raw) as never;
      } catch (err) {
        throw asAppError(err);
      }
    },
    on(name, listener) {
      const schema = events[name];
      return transport.subscribe(name, (payload) => {
        const parsed = schema.safeParse(payload);
        if (parsed.success) listener(parsed.data as never);
      });
    },
  };
}

function asAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const wire = wireErrorSchema.safeParse(err);
  if (wire.success) return AppError.fromWire(wire.data);
  return new AppError('common.unexpected', { message: err instanceof Error ? err.message : String(err) });
}
