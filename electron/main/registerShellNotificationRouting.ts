import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { NotificationPermissionState } from '../../shared/contract/crmBridge';
import { IPC_NOTIFICATIONS_STATUS_CHANNEL, IPC_NOTIFICATIONS_TEST_CHANNEL } from '../../shared/contract/ipcChannels';
import { isTrustedSender } from './isTrustedSender';

/** The notification service as Settings reaches it. */
export interface ShellNotifications {
  permission(): NotificationPermissionState;
  sendTest(): NotificationPermissionState;
}

/**
 * Settings' "Desktop notifications" card in the Electron app: the permission state and "Send a test
 * notification", answered by the shell's notification service for the console window only.
 */
export function registerShellNotificationRouting(
  ipcMain: Pick<IpcMain, 'handle'>,
  notifications: ShellNotifications,
  trust: { webContentsIds: ReadonlySet<number>; isAppUrl: (url: string) => boolean },
): void {
  const trusted = (event: IpcMainInvokeEvent) => isTrustedSender(event.senderFrame, event.sender.id, trust.webContentsIds, trust.isAppUrl);
  ipcMain.handle(IPC_NOTIFICATIONS_STATUS_CHANNEL, (event: IpcMainInvokeEvent) => (trusted(event) ? notifications.permission() : 'unsupported'));
  ipcMain.handle(IPC_NOTIFICATIONS_TEST_CHANNEL, (event: IpcMainInvokeEvent) => (trusted(event) ? notifications.sendTest() : 'unsupported'));
}
