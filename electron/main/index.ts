import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, safeStorage, session, shell, Tray } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CoreEvent, WorkspaceInfo } from '../../shared/contract/apiTypes';
import type { CrmSettings } from '../../shared/contract/crmSettings';
import { IPC_EVENT_CHANNEL } from '../../shared/contract/ipcChannels';
import { DEEP_LINK_SCHEME, parseDeepLink } from '../../shared/routes/appRoute';
import { CoreWorkerClient } from '../core/worker/coreWorkerClient';
import { denyPermissionRequests } from './denyPermissionRequests';
import { hardenWebContents } from './hardenWebContents';
import { mainWindowOptions } from './mainWindowOptions';
import { NavigationRouter } from './navigationRouter';
import { NotificationService } from './notificationService';
import { registerIpcRouting } from './registerIpcRouting';
import { registerShellNotificationRouting } from './registerShellNotificationRouting';
import { SafeStorageCredentialVault } from './safeStorageCredentialVault';
import { TrayBadge } from './trayBadge';

/**
 * The Electron main process stays thin: windows, tray, deep links and IPC routing. Everything
 * that touches the cache runs in the core worker so a recompute never freezes a window.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const resourcesDir = path.resolve(here, '../../resources');
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererIndex = path.resolve(here, '../renderer/index.html');
const appUrlPrefix = rendererUrl ?? pathToFileURL(path.dirname(rendererIndex)).href;
const isAppUrl = (url: string) => url.startsWith(appUrlPrefix);

const router = new NavigationRouter();
const trustedWebContentsIds = new Set<number>();
let mainWindow: BrowserWindow | null = null;
let tray: Tray | null = null;
let core: CoreWorkerClient | null = null;
// Alert notifications click through the same router as deep links, re-opening the window if it was closed.
const notifications = new NotificationService({ Notification, router, showWindow: () => showMainWindow(), platform: process.platform });

function routeDeepLink(url: string | undefined): void {
  const route = url ? parseDeepLink(url) : null;
  if (route) router.open(route);
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(
    mainWindowOptions(path.join(here, '../preload/index.cjs'), path.join(resourcesDir, 'icon.png')),
  );
  trustedWebContentsIds.add(window.webContents.id);
  hardenWebContents(window.webContents, isAppUrl, (url) => void shell.openExternal(url));
  window.once('ready-to-show', () => window.show());
  window.webContents.once('did-finish-load', () => router.attach(window));
  window.on('closed', () => {
    trustedWebContentsIds.delete(window.webContents.id);
    router.detach();
    mainWindow = null;
  });
  if (rendererUrl) void window.loadURL(rendererUrl);
  else void window.loadFile(rendererIndex);
  return window;
}

function showMainWindow(): void {
  mainWindow ??= createMainWindow();
  mainWindow.show();
  mainWindow.focus();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  // A second launch (for example a deep link on Windows/Linux) lands in the first instance.
  app.on('second-instance', (_event, argv) => {
    showMainWindow();
    routeDeepLink(argv.find((arg) => arg.startsWith(`${DEEP_LINK_SCHEME}://`)));
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    routeDeepLink(url);
  });

  void app.whenReady().then(async () => {
    Menu.setApplicationMenu(null);
    denyPermissionRequests(session.defaultSession);
    try {
      core = await CoreWorkerClient.start({
        workerPath: path.join(here, 'coreWorker.js'),
        data: { dataDir: app.getPath('userData'), createDemoIfEmpty: true, credentialVault: 'host' },
        hostVault: new SafeStorageCredentialVault(safeStorage, app.getPath('userData')),
        onLog: (level, message) => console[level](`[core] ${message}`),
      });
    } catch (error) {
      // The single-instance lock covers a second app; this covers the workspace held by another
      // kind of process (the browser host, a CLI import), a cache from a newer version, and the like.
      dialog.showErrorBox('Supporter CRM cannot open its workspace', `${error instanceof Error ? error.message : String(error)}\n\nFolder: ${app.getPath('userData')}`);
      app.exit(1);
      return;
    }
    const backend = core;
    registerIpcRouting(ipcMain, backend, { webContentsIds: trustedWebContentsIds, isAppUrl }, (name, url) =>
      console.warn(`Refused IPC "${name}" from ${url}`),
    );
    registerShellNotificationRouting(ipcMain, notifications, { webContentsIds: trustedWebContentsIds, isAppUrl });
    tray = new Tray(path.join(resourcesDir, 'trayIcon.png'));
    tray.setToolTip('Supporter CRM');
    const trayBadge = new TrayBadge({ invoke: (name, input) => backend.invoke(name, input), tray, setBadgeCount: (count) => app.setBadgeCount(count) });
    const loadNotificationPreferences = async () => {
      const [settings, info] = await Promise.all([backend.invoke('settings.get', {}), backend.invoke('workspace.info', {})]);
      if (!settings.ok) return;
      const timeZone = info.ok ? ((info.value as WorkspaceInfo).creator?.timezone ?? null) : null;
      notifications.setPreferences((settings.value as CrmSettings).notifications, timeZone);
    };
    await loadNotificationPreferences();
    notifications.opening();
    backend.onEvent((event: CoreEvent) => {
      for (const window of BrowserWindow.getAllWindows()) window.webContents.send(IPC_EVENT_CHANNEL, event);
      if (event.kind === 'alerts_raised') {
        notifications.alertsRaised(event.payload);
        void trayBadge.refresh();
      } else if (event.kind === 'sync_status') {
        notifications.syncStatusChanged(event.payload);
      } else if (event.kind === 'data_changed') {
        // Settings, or a creator record (its time zone) arriving with an import or a sync.
        if (event.reason === 'settings' || event.reason === 'import' || event.reason === 'sync') void loadNotificationPreferences();
        if (event.reason === 'alerts' || event.reason === 'import' || event.reason === 'sync') void trayBadge.refresh();
      }
    });
    void trayBadge.refresh();
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open Supporter CRM', click: showMainWindow },
        { type: 'separator' },
        { label: 'Quit', click: () => app.quit() },
      ]),
    );
    tray.on('click', showMainWindow);
    mainWindow = createMainWindow();
    routeDeepLink(process.argv.find((arg) => arg.startsWith(`${DEEP_LINK_SCHEME}://`)));
  });

  app.on('activate', showMainWindow);
  app.on('window-all-closed', () => {
    // The console keeps running in the tray so alerts can still reach the creator.
  });
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !core) return;
    event.preventDefault();
    quitting = true;
    notifications.dispose();
    void core.stop().finally(() => app.quit());
  });
}
