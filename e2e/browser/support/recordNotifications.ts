import type { Page } from '@playwright/test';

/**
 * An init script that records every Web Notification the page creates (the real one underneath,
 * with the permission granted): headless Chromium draws none a test could click, so a test reads
 * what was shown and dispatches the click itself, as the OS would.
 */
export function recordNotifications(): void {
  type Recorded = { title: string; body: string; notification: Notification };
  const shown: Recorded[] = [];
  const RealNotification = window.Notification;
  class RecordingNotification extends RealNotification {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      shown.push({ title, body: options?.body ?? '', notification: this });
    }
  }
  Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true, writable: true });
  Object.defineProperty(window, '__shownNotifications', { value: shown });
}

/** The title and body of every notification recorded so far, in order. */
export function shownNotifications(page: Page): Promise<{ title: string; body: string }[]> {
  return page.evaluate(() => (window as unknown as { __shownNotifications: { title: string; body: string }[] }).__shownNotifications.map(({ title, body }) => ({ title, body })));
}

/** Clicks the notification recorded at `index`, as the OS would. */
export async function clickNotification(page: Page, index: number): Promise<void> {
  await page.evaluate((at) => {
    const recorded = (window as unknown as { __shownNotifications: { notification: Notification }[] }).__shownNotifications[at];
    recorded?.notification.dispatchEvent(new Event('click'));
  }, index);
}
