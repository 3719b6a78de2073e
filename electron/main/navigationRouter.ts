import { formatRoute, type AppRoute } from '../../shared/routes/appRoute';
import { IPC_NAVIGATE_CHANNEL } from '../../shared/contract/ipcChannels';

/** The window as the router needs it; a BrowserWindow fits. */
export interface RoutableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  webContents: { send(channel: string, ...args: unknown[]): void };
}

/**
 * One router for deep links and notification clicks: shows and focuses the window and asks the
 * renderer to open the route. A route that arrives before the window is ready (a deep link that
 * launched the app) is kept and delivered once it is.
 */
export class NavigationRouter {
  private window: RoutableWindow | null = null;
  private buffered: AppRoute | null = null;

  attach(window: RoutableWindow): void {
    this.window = window;
    if (this.buffered) {
      const route = this.buffered;
      this.buffered = null;
      this.open(route);
    }
  }

  detach(): void {
    this.window = null;
  }

  open(route: AppRoute): void {
    const window = this.window;
    if (!window || window.isDestroyed()) {
      this.buffered = route;
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    window.webContents.send(IPC_NAVIGATE_CHANNEL, formatRoute(route));
  }

  pendingRoute(): AppRoute | null {
    return this.buffered;
  }
}
