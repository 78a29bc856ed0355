import { createContext, useContext, useEffect, useEffectEvent, type ReactNode } from 'react';
import type { ApiClient } from '../../shared/api/client';
import type { EventName, EventPayload } from '../../shared/api/contract';

const ApiContext = createContext<ApiClient | null>(null);

export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi outside ApiProvider');
  return client;
}

/** Subscribes to a contract event for the component's lifetime. */
export function useApiEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const api = useApi();
  const onEvent = useEffectEvent((payload: EventPayload<E>) => listener(payload));
  useEffect(() => api.on(event, (p) => onEvent(p)), [api, event]);
}
