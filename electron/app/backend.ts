import { createDispatcher, type Dispatch } from '../rpc/dispatcher';
import { createHandlers } from '../rpc/handlers';
import { createServices, disposeServices, type BackendOptions, type Services } from './composition';

export interface Backend {
  services: Services;
  dispatch: Dispatch;
  dispose(): Promise<void>;
}

/** Services + handlers + dispatcher: what every transport (IPC, WebSocket, memory) sits on. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const services = await createServices(options);
  const dispatch = createDispatcher(createHandlers(services), (method, err) => {
    services.logger.warn('call failed', { method, error: err instanceof Error ? err.message : String(err) });
  });
  return { services, dispatch, dispose: () => disposeServices(services) };
}
