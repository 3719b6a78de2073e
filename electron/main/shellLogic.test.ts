import { describe, expect, it, vi } from 'vitest';
import { API_REQUEST_NAMES } from '../../shared/contract/apiRequestNames';
import { IPC_NAVIGATE_CHANNEL } from '../../shared/contract/ipcChannels';
import { denyPermissionRequests } from './denyPermissionRequests';
import { hardenWebContents, isSafeExternalUrl } from './hardenWebContents';
import { isTrustedSender } from './isTrustedSender';
import { mainWindowOptions } from './mainWindowOptions';
import { NavigationRouter, type RoutableWindow } from './navigationRouter';
import { registerIpcRouting } from './registerIpcRouting';

const APP = 'file:///opt/crm/out/renderer';
const isAppUrl = (url: string) => url.startsWith(APP);

describe('main window options', () => {
  it('isolate the renderer: context isolation, sandbox, no Node, no webview', () => {
    const { webPreferences } = mainWindowOptions('/p/preload.cjs', '/p/icon.png');
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/p/preload.cjs',
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('refuse every browser permission request and check', () => {
    type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
    const handlers: { request?: RequestHandler; check?: () => boolean } = {};
    denyPermissionRequests({
      setPermissionRequestHandler: (handler: RequestHandler) => (handlers.request = handler),
      setPermissionCheckHandler: (handler: () => boolean) => (handlers.check = handler),
    } as never);
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) handlers.request?.({}, permission, (value) => granted.push(value));
    expect(granted).toEqual([false, false, false, false]);
    expect(handlers.check?.()).toBe(false);
  });
});

describe('web contents hardening', () => {
  function fakeContents() {
    const handlers = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | null = null;
    return {
      contents: {
        on: (name: string, handler: (event: { preventDefault(): void }, url: string) => void) => handlers.set(name, handler),
        setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => (openHandler = handler),
      },
      fire(name: string, url: string) {
        const event = { preventDefault: vi.fn() };
        handlers.get(name)?.(event, url);
        return event.preventDefault.mock.calls.length > 0;
      },
      open: (url: string) => openHandler?.({ url }),
    };
  }

  it('blocks navigation away from the app and every window.open, handing safe https links to the OS', () => {
    const fake = fakeContents();
    const openExternal = vi.fn();
    hardenWebContents(fake.contents as never, isAppUrl, openExternal);
    expect(fake.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fake.fire('will-navigate', `${APP}/index.html#/inbox/vip`)).toBe(false);
    expect(fake.fire('will-redirect', 'http://evil.example/')).toBe(true);
    expect(fake.fire('will-attach-webview', 'about:blank')).toBe(true);
    expect(fake.open('https://help.example.com/crm')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://help.example.com/crm');
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(fake.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('treats only credential-free https URLs as safe to open externally', () => {
    expect(isSafeExternalUrl('https://example.com')).toBe(true);
    expect(isSafeExternalUrl('https://user:pw@example.com')).toBe(false);
    expect(isSafeExternalUrl('http://example.com')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });
});

describe('IPC sender checks', () => {
  const trusted = new Set([7]);

  it('accepts only the top frame of a trusted window showing the app', () => {
    expect(isTrustedSender({ url: `${APP}/index.html`, parent: null }, 7, trusted, isAppUrl)).toBe(true);
    expect(isTrustedSender({ url: `${APP}/index.html`, parent: {} }, 7, trusted, isAppUrl)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example', parent: null }, 7, trusted, isAppUrl)).toBe(false);
    expect(isTrustedSender({ url: `${APP}/index.html`, parent: null }, 8, trusted, isAppUrl)).toBe(false);
    expect(isTrustedSender(null, 7, trusted, isAppUrl)).toBe(false);
  });

  it('routes every request of the contract and refuses one from an unexpected frame', async () => {
    const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
    const backend = { invoke: vi.fn(async () => ({ ok: true as const, value: { pong: true } })) };
    const refused = vi.fn();
    registerIpcRouting({ handle: (channel: string, handler: never) => handlers.set(channel, handler) } as never, backend, { webContentsIds: trusted, isAppUrl }, refused);
    expect([...handlers.keys()].sort()).toEqual(API_REQUEST_NAMES.map((name) => `crm:${name}`).sort());
    const ping = handlers.get('crm:system.ping');
    const fromApp = await ping?.({ sender: { id: 7 }, senderFrame: { url: `${APP}/index.html`, parent: null } }, {});
    expect(fromApp).toEqual({ ok: true, value: { pong: true } });
    const fromIframe = await ping?.({ sender: { id: 7 }, senderFrame: { url: 'https://ads.example/frame', parent: {} } }, {});
    expect(fromIframe).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(refused).toHaveBeenCalledWith('system.ping', 'https://ads.example/frame');
    expect(backend.invoke).toHaveBeenCalledTimes(1);
  });
});

describe('navigation router (deep links and notification clicks)', () => {
  function fakeWindow(): RoutableWindow & { sent: unknown[][]; shown: number; focused: number; restored: number } {
    const window = {
      sent: [] as unknown[][],
      shown: 0,
      focused: 0,
      restored: 0,
      minimized: true,
      isDestroyed: () => false,
      isMinimized: () => window.minimized,
      restore: () => {
        window.restored += 1;
        window.minimized = false;
      },
      show: () => void (window.shown += 1),
      focus: () => void (window.focused += 1),
      webContents: { send: (...args: unknown[]) => void window.sent.push(args) },
    };
    return window;
  }

  it('buffers a route that arrives before the window is ready, then shows, focuses and opens it', () => {
    const router = new NavigationRouter();
    router.open({ page: 'supporter', supporterId: 's000042' });
    expect(router.pendingRoute()).toEqual({ page: 'supporter', supporterId: 's000042' });
    const window = fakeWindow();
    router.attach(window);
    expect(window.sent).toEqual([[IPC_NAVIGATE_CHANNEL, 'supporter/s000042']]);
    expect(window.restored).toBe(1);
    expect(window.shown).toBe(1);
    expect(window.focused).toBe(1);
    expect(router.pendingRoute()).toBeNull();
  });
});
