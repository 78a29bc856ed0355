// Composition root of the desktop app: the only module (with preload and the IPC adapter) that
// imports `electron`. Everything it wires lives in electron/services and electron/rpc.
import { app, BrowserWindow, ipcMain, net, protocol, session, shell, powerSaveBlocker } from 'electron';
import { join } from 'node:path';
import { readStatic } from './host/static-files';
import { createBackend } from './rpc/backend';
import { defaultDataDir } from './services/paths';
import { startPracticeEnvironment } from './host/practice';
import { registerIpc, forwardEvents } from './ipc-adapter';
import { mayNavigate, mayFrameNavigate, mayUsePermission, onWindowOpen, APP_CSP } from './window-policy';
import { printHtmlToPdf } from './print-to-pdf';
import { APP_SCHEME, APP_HOST } from '../shared/api/ipc-channels';
import { APP_ID } from '../shared/app-identity';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();
// the same id the installer gives the Start-menu shortcut, so the taskbar groups the window under it
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

async function start(): Promise<void> {
  await app.whenReady();
  const rendererRoot = join(__dirname, '..', 'renderer');
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await readStatic(rendererRoot, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), { headers: { 'content-type': file.type, 'content-security-policy': APP_CSP } });
  });
  // The same decision for a request (prompt) and a check (navigator.permissions, clipboard …).
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(mayUsePermission({ permission, origin: details.requestingUrl, isMainFrame: details.isMainFrame })),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    mayUsePermission({ permission, origin: details.requestingUrl ?? requestingOrigin, isMainFrame: details.isMainFrame }),
  );

  let window: BrowserWindow | undefined;
  const practice = process.argv.includes('--practice') ? await startPracticeEnvironment() : undefined;
  const backend = await createBackend({
    dataDir: defaultDataDir(),
    practiceMode: Boolean(practice),
    ...(practice ? { settingsOverrides: practice.settings } : {}),
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
      printToPdf: (html) => printHtmlToPdf(html),
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
  // a server redirect, or any frame (main or sub) starting a navigation
  window.webContents.on('will-redirect', (event) => {
    if (!mayFrameNavigate({ url: event.url, isMainFrame: event.isMainFrame })) event.preventDefault();
  });
  window.webContents.on('will-frame-navigate', (event) => {
    if (!mayFrameNavigate({ url: event.url, isMainFrame: event.isMainFrame })) event.preventDefault();
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
