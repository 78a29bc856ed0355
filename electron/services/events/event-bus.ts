import { events, type EventName, type EventPayload } from '../../../shared/api/contract';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Services emit contract events here; each transport forwards them to its connected clients. */
export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      // Parse before sending so a service bug never ships a malformed event to the UI.
      const checked = events[name].parse(payload);
      for (const listener of [...listeners]) listener(name, checked);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
