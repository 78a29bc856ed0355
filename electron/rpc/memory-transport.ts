import type { Transport } from '../../shared/api/transport';
import type { Dispatch } from './dispatcher';
import type { EventBus } from '../services/events/event-bus';

/**
 * In-process transport for unit tests: the same dispatcher and the same JSON round trip as the
 * real transports, so a value that would not survive IPC or WebSocket fails here too.
 */
export function createMemoryTransport(dispatch: Dispatch, bus: EventBus): Transport {
  return {
    async invoke(method, input) {
      const reply = await dispatch(method, roundTrip(input), { transport: 'memory' });
      if (!reply.ok) throw reply.error;
      return roundTrip(reply.result);
    },
    subscribe(event, listener) {
      return bus.subscribe((name, payload) => {
        if (name === event) listener(roundTrip(payload));
      });
    },
  };
}

function roundTrip(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
