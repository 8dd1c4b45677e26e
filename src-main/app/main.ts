// Electron main entry: composition only. The logic lives in small modules next to this one.
import { app, ipcMain, Menu, Notification, protocol, session, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { redactUrl, redactUrlsInText } from '../../src-shared/redact-url';
import { createDownloadEngine } from '../engine/download-engine';
import { systemClock } from '../engine/clock';
import { contentSecurityPolicy, securityHeaders } from '../host/content-security-policy';
import { forwardEvents } from '../host/event-forwarder';
import { createRequestRouter, type RequestRouter } from '../host/request-router';
import {
  createSettingsStore,
  engineSettingsOf,
  readStoredSettings,
  SETTINGS_FILE_NAME,
} from '../host/settings-store';
import { DEFAULT_RPC_PORT } from '../rpc/rpc-server';
import { startRpcEndpoint } from '../rpc/rpc-endpoint';
import { buildMenuTemplate } from './app-menu';
import { createAppTray } from './app-tray';
import { APP_PAGE_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { createCompletionNotifier } from './completion-notifier';
import { createElectronShell } from './electron-shell';
import { registerIpc } from './ipc-registration';
import { urlsFromArgv } from './launch-urls';
import { createMainWindow } from './main-window';
import { installQuitGuard } from './quit-guard';
import { createTrayStatus } from './tray-status';
import { createTrustedSenderCheck } from './trusted-sender';
import { applySessionSecurity } from './window-security';

const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const pageUrl = devServerUrl ?? APP_PAGE_URL;
const csp = contentSecurityPolicy(devServerUrl ? { devServerOrigin: new URL(devServerUrl).origin } : {});
const iconPath = join(app.getAppPath(), 'assets', 'icons', '256x256.png');
const trayIconPath = join(app.getAppPath(), 'assets', 'icons', '32x32.png');

let mainWindow: BrowserWindow | undefined;
let routerReady: RequestRouter | undefined;
/** URLs from second launches that arrive while the engine is still starting. */
const pendingUrls: string[] = [];

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow({
      preloadPath: join(__dirname, '..', 'preload', 'index.js'),
      pageUrl,
      iconPath,
    });
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function addUrls(router: RequestRouter, urls: string[]): Promise<void> {
  if (urls.length === 0) return;
  const result = await router.handle('downloads:add', { items: urls.map((url) => ({ url })) });
  if (!result.ok) console.error(`Could not add ${urls.map(redactUrl).join(', ')}: ${result.error.message}`);
}

async function start(): Promise<void> {
  await app.whenReady();
  applySessionSecurity(session.defaultSession, csp);
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler(join(__dirname, '..', 'renderer'), securityHeaders(csp)),
  );

  // The queue, journals index and settings live in the user-data folder, so a relaunch restores them.
  const stateDir = app.getPath('userData');
  const settingsFile = join(stateDir, SETTINGS_FILE_NAME);
  const stored = await readStoredSettings(settingsFile);
  const engine = await createDownloadEngine({
    settings: { directory: app.getPath('downloads'), ...engineSettingsOf(stored) },
    stateDir,
  });
  const settings = createSettingsStore({ filePath: settingsFile, engine, stored });
  // Browser extensions hand downloads over here; a client cannot shut the app down.
  const rpc = await startRpcEndpoint({ engine, settings, stateDir, port: DEFAULT_RPC_PORT });
  if (!rpc.info.enabled) console.warn(rpc.info.message);
  const router = createRequestRouter({
    engine,
    settings,
    rpcEndpoint: () => rpc.info,
    shell: createElectronShell(() => mainWindow),
    onUnexpectedError: (err) =>
      console.error(redactUrlsInText(err instanceof Error ? (err.stack ?? err.message) : String(err))),
  });
  installQuitGuard(
    app,
    () => rpc.close().then(() => engine.shutdown()),
    (err) => console.error('Shutdown failed', err),
  );

  registerIpc(
    ipcMain,
    router,
    createTrustedSenderCheck(() => mainWindow, pageUrl),
  );
  forwardEvents(engine, settings, (channel, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
  });

  const trayStatus = createTrayStatus(systemClock, createAppTray(trayIconPath, showWindow));
  const notifier = createCompletionNotifier(engine.list(), (content) => {
    if (Notification.isSupported()) new Notification(content).show();
  });
  engine.on('progressed', (batch) => trayStatus.onProgress(batch));
  engine.on('status-changed', (snapshot) => {
    trayStatus.onStatus(snapshot);
    notifier.onStatus(snapshot);
  });
  engine.on('removed', ({ ids }) => {
    trayStatus.onRemoved(ids);
    notifier.onRemoved(ids);
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(process.platform, devServerUrl !== undefined, {
        showWindow,
        openDownloadsFolder: () => void shell.openPath(engine.settings().directory),
      }),
    ),
  );

  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  showWindow();
  routerReady = router;
  await addUrls(router, [...urlsFromArgv(process.argv), ...pendingUrls.splice(0)]);
}

// Must happen before 'ready': the page's scheme is a standard, secure origin.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

// A second launch hands its arguments to the running app and exits.
if (app.requestSingleInstanceLock()) {
  app.on('second-instance', (_event, argv) => {
    const urls = urlsFromArgv(argv);
    if (!routerReady) {
      pendingUrls.push(...urls);
      return;
    }
    void addUrls(routerReady, urls);
    showWindow();
  });
  start().catch((err: unknown) => {
    console.error('Parallel Downloader could not start', err);
    app.exit(1);
  });
} else {
  app.quit();
}
