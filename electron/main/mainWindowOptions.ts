import type { BrowserWindowConstructorOptions } from 'electron';

/** The main window's options, kept pure so a test can assert every hardening flag. */
export function mainWindowOptions(preloadPath: string, iconPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Supporter CRM',
    icon: iconPath,
    backgroundColor: '#15161b',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would open links in new windows, bypassing the window.open handler.
      disableBlinkFeatures: 'Auxclick',
    },
  };
}
