import type { Session } from 'electron';

/**
 * The console needs no browser permission (camera, geolocation, notifications…): OS notifications
 * come from the main process. So every permission request and check from web content is refused.
 */
export function denyPermissionRequests(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
