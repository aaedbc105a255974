import { describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { APP_ENTRY, createSecureWindow, denyAllPermissions, isAppUrl, secureWebPreferences } from '../../../electron/main/window';

// The Electron binary cannot run here: these tests drive the window factory with a fake BrowserWindow.
class FakeContents extends EventEmitter {
  openHandler?: (d: { url: string }) => { action: string };
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.openHandler = h;
  }
}
class FakeWindow extends EventEmitter {
  static last: FakeWindow;
  webContents = new FakeContents();
  loaded?: string;
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    super();
    FakeWindow.last = this;
  }
  loadURL(url: string) {
    this.loaded = url;
    return Promise.resolve();
  }
  show() {}
}

describe('secure window factory (electron mocked: no Electron binary here)', () => {
  const win = () => {
    createSecureWindow({ BrowserWindow: FakeWindow as never, preloadPath: '/app/dist/preload/preload.cjs' });
    return FakeWindow.last;
  };

  it('turns on context isolation and the sandbox, and keeps Node out of the renderer', () => {
    const prefs = win().options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false });
    expect(prefs.preload).toBe('/app/dist/preload/preload.cjs');
    expect(secureWebPreferences('x')).toEqual(prefs && secureWebPreferences('x'));
  });

  it('loads the packaged app from the custom protocol, never remote content', () => {
    expect(win().loaded).toBe(APP_ENTRY);
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('app://other/index.html')).toBe(false);
  });

  it('denies window.open and navigation away from the app', () => {
    const w = win();
    expect(w.webContents.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const remote = { preventDefault: vi.fn() };
    w.webContents.emit('will-navigate', remote, 'https://evil.example/');
    expect(remote.preventDefault).toHaveBeenCalled();
    const internal = { preventDefault: vi.fn() };
    w.webContents.emit('will-navigate', internal, 'app://station/index.html#/devices');
    expect(internal.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    w.webContents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let device: (() => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      setDevicePermissionHandler: (h: typeof device) => (device = h),
    } as never);
    const cb = vi.fn();
    request!(null, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(check!()).toBe(false);
    expect(device!()).toBe(false);
  });
});
