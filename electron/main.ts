// Composition root of the desktop app: the only module (with preload and the IPC adapter) that
// imports `electron`. Everything it wires lives in electron/services and electron/rpc.
import { app, BrowserWindow, ipcMain, net, protocol, session, shell, powerSaveBlocker } from 'electron';
import { join } from 'node:path';
import { readStatic } from './host/static-files';
import { createBackend } from './rpc/backend';
import { defaultDataDir } from './services/paths';
import { startPracticeEnvironment } from './host/practice';
import { registerIpc, forwardEvents } from './ipc-adapter';
import { mayNavigate, onWindowOpen, APP_CSP } from './window-policy';
import { APP_SCHEME, APP_HOST } from '../shared/api/ipc-channels';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

async function start(): Promise<void> {
  await app.whenReady();
  const rendererRoot = join(__dirname, '..', 'renderer');
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await readStatic(rendererRoot, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), { headers: { 'content-type': file.type, 'content-security-policy': APP_CSP } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  let window: BrowserWindow | undefined;
  const practice = process.argv.includes('--practice') ? await startPracticeEnvironment(undefined, practiceFiles()) : undefined;
  const backend = await createBackend({
    dataDir: defaultDataDir(),
    practiceMode: Boolean(practice),
    ...(practice ? { settingsOverrides: practice.settings } : {}),
    ...(practice?.nodeImage ? { nodeImage: practice.nodeImage.serviceOptions } : {}),
    // Chromium's network stack: system proxy, PAC, the OS certificate store.
    fetch: (input, init) => net.fetch(input instanceof URL ? input.toString() : (input as string), init),
    platform: {
      shell: 'electron',
      appVersion: app.getVersion(),
      systemLanguages: () => app.getPreferredSystemLanguages(),
      openExternal: async (url) => {
        await shell.openExternal(url);
        return true;
      },
      setProgress: (fraction) => window?.setProgressBar(fraction),
      keepAwake: () => {
        const id = powerSaveBlocker.start('prevent-app-suspension');
        return () => powerSaveBlocker.stop(id);
      },
      // shell.openPath resolves to '' on success, or an error text
      openPath: async (path) => (await shell.openPath(path)) === '',
    },
  });
  registerIpc(ipcMain, backend.dispatch);

  window = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'SNO Field Kit',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
    },
  });
  const stopEvents = forwardEvents(backend.services.bus, (channel, name, payload) => window?.webContents.send(channel, name, payload));
  window.webContents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    const decision = onWindowOpen(url);
    if (decision.openExternally) void shell.openExternal(url);
    return { action: decision.action };
  });
  window.on('closed', () => {
    stopEvents();
    window = undefined;
  });
  await window.loadURL(`${APP_SCHEME}://${APP_HOST}/index.html`);

  app.on('window-all-closed', () => {
    void backend
      .dispose()
      .then(() => practice?.close())
      .finally(() => app.quit());
  });
}

start().catch((err: unknown) => {
  console.error(err);
  app.exit(1);
});

/** Practice files: resources/practice when packaged, the source tree otherwise. */
function practiceFiles() {
  const root = app.isPackaged ? join(process.resourcesPath, 'resources', 'practice') : join(app.getAppPath(), 'resources', 'practice');
  return {
    dir: join(defaultDataDir(), 'practice'),
    standinPath: app.isPackaged ? join(root, 'oc-standin.mjs') : join(app.getAppPath(), 'electron', 'practice', 'oc-standin.mjs'),
    baseIsoXzPath: join(root, 'live.x86_64.iso.xz'),
  };
}
