import { createContext, useContext, useEffect, useEffectEvent, useState, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ApiClient } from '../../shared/api/client';
import type { EventName, EventPayload } from '../../shared/api/contract';
import { createQueryClient } from './query-client';

const ApiContext = createContext<ApiClient | null>(null);

/** The contract client and, over it, the query cache (renderer/api/query.tsx): one per backend connection. */
export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <ApiContext.Provider value={client}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ApiContext.Provider>
  );
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
