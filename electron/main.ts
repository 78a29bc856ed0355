// Composition root of the desktop app: the only module (with preload and the IPC adapter) that
// imports `electron`. Everything it wires lives in electron/services and electron/rpc.
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, powerSaveBlocker } from 'electron';
import { join } from 'node:path';
import { readStatic } from './host/static-files';
import { createBackend } from './app/backend';
import { defaultDataDir } from './services/paths';
import { reportStartupFailure } from './services/startup/startup-failure';
import { startSingleInstance } from './services/startup/single-instance';
import { pickLanguage } from '../shared/i18n';
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

const dataDir = defaultDataDir();
let mainWindow: BrowserWindow | undefined;

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

  const practice = process.argv.includes('--practice') ? await startPracticeEnvironment(undefined, practiceFiles()) : undefined;
  // Takes the data-folder lock: a browser host or CLI command using this folder stops the start here.
  const backend = await createBackend({
    dataDir,
    lockHolder: 'desktopApp',
    practiceMode: Boolean(practice),
    ...(practice ? { settingsOverrides: practice.settings } : {}),
    ...(practice?.nodeImage ? { nodeImage: practice.nodeImage.serviceOptions } : {}),
    ...(practice?.kit ? { practiceKit: practice.kit } : {}),
    ...(practice?.cluster ? { practiceCluster: practice.cluster } : {}),
    // Every backend request takes the route Chromium would: system proxy settings and PAC, per URL.
    proxyResolver: { resolveProxy: (url) => session.defaultSession.resolveProxy(url) },
    platform: {
      shell: 'electron',
      appVersion: app.getVersion(),
      systemLanguages: () => app.getPreferredSystemLanguages(),
      openExternal: async (url) => {
        await shell.openExternal(url);
        return true;
      },
      setProgress: (fraction) => mainWindow?.setProgressBar(fraction),
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

  mainWindow = new BrowserWindow({
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
  const stopEvents = forwardEvents(backend.services.bus, (channel, name, payload) => mainWindow?.webContents.send(channel, name, payload));
  mainWindow.webContents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  // a server redirect, or any frame (main or sub) starting a navigation
  mainWindow.webContents.on('will-redirect', (event) => {
    if (!mayFrameNavigate({ url: event.url, isMainFrame: event.isMainFrame })) event.preventDefault();
  });
  mainWindow.webContents.on('will-frame-navigate', (event) => {
    if (!mayFrameNavigate({ url: event.url, isMainFrame: event.isMainFrame })) event.preventDefault();
  });
  mainWindow.webContents.on('will-attach-webview', (event) => event.preventDefault());
  mainWindow.webContents.setWindowOpenHandler(({ url }) => {
    const decision = onWindowOpen(url);
    if (decision.openExternally) void shell.openExternal(url);
    return { action: decision.action };
  });
  mainWindow.on('closed', () => {
    stopEvents();
    mainWindow = undefined;
  });
  await mainWindow.loadURL(`${APP_SCHEME}://${APP_HOST}/index.html`);

  app.on('window-all-closed', () => {
    void backend
      .dispose()
      .then(() => practice?.close())
      .finally(() => app.quit());
  });
}

startSingleInstance(app, {
  start,
  focus() {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  },
  fail(err) {
    // The window may not exist yet: a native dialog with the reason and the log's path, never a silent exit.
    const message = reportStartupFailure(err, dataDir, pickLanguage(app.getPreferredSystemLanguages()));
    console.error(message.body);
    dialog.showErrorBox(message.title, message.body);
    app.exit(1);
  },
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
