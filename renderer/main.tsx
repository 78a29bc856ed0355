import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@patternfly/react-core/dist/styles/base.css';
// base.css has no utility classes: these give the screens their pf-v6-u-* text, font-size and spacing ones.
import '@patternfly/react-styles/css/utilities/Text/text.css';
import '@patternfly/react-styles/css/utilities/Spacing/spacing.css';
import './styles.css';
import { createClient } from '../shared/api/client';
import { resolveLanguage } from '../shared/i18n';
import { ipcTransport, type PreloadBridge } from './api/transport-ipc';
import { wsTransport, wsUrlFromLocation, type WsTransport } from './api/transport-ws';
import { ApiProvider } from './api/context';
import { initI18n, switchLanguage } from './i18n';
import { App } from './app/App';
import { systemLanguages } from './system-languages';

declare global {
  interface Window {
    sfk?: PreloadBridge;
  }
}

/** One renderer, two shells: the Electron preload bridge when present, else the browser host's WebSocket. */
async function boot(): Promise<void> {
  const ws: WsTransport | undefined = window.sfk ? undefined : wsTransport(wsUrlFromLocation(window.location));
  const client = createClient(window.sfk ? ipcTransport(window.sfk) : ws!);
  const [settings, info] = await Promise.all([client.call('settings.get'), client.call('app.info')]);
  const preferred = systemLanguages(info);
  await initI18n(resolveLanguage(settings.language, preferred));
  client.on('settings.changed', (s) => void switchLanguage(resolveLanguage(s.language, preferred)));
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ApiProvider client={client}>
        <App connection={ws} />
      </ApiProvider>
    </StrictMode>,
  );
}

void boot();
