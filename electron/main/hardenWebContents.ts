import type { Event, HandlerDetails, WebContents } from 'electron';

type HardenableWebContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** External links we are willing to hand to the OS browser: https only, no credentials in the URL. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * Blocks navigation away from the app, every `window.open` and `<webview>`; a safe https link
 * opens in the creator's browser instead (Electron security checklist items 12–14).
 */
export function hardenWebContents(
  contents: HardenableWebContents,
  isAppUrl: (url: string) => boolean,
  openExternal: (url: string) => void,
): void {
  contents.on('will-navigate', (event: Event, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event: Event, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event: Event) => event.preventDefault());
  contents.setWindowOpenHandler((details: HandlerDetails) => {
    if (isSafeExternalUrl(details.url)) openExternal(details.url);
    return { action: 'deny' };
  });
}
