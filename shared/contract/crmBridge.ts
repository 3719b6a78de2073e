import type { ApiInput, ApiOutput, ApiRequestName } from './apiContract';
import type { ApiResult } from './apiResult';
import type { CoreEvent } from './apiTypes';

/** What the renderer sees as `window.crm`, whichever transport is behind it. */
export type CrmRequestMethods = {
  [Name in ApiRequestName]: (input: ApiInput<Name>) => Promise<ApiResult<ApiOutput<Name>>>;
};

/** Whether OS notifications can be shown: the browser's permission words, plus `unsupported`. */
export type NotificationPermissionState = 'granted' | 'denied' | 'default' | 'unsupported';

/** The Electron shell's notification service, as the renderer reaches it (absent in the browser host). */
export interface ShellNotificationsBridge {
  status(): Promise<NotificationPermissionState>;
  /** Shows "Test notification" now; answers the state (a test is shown only when `granted`). */
  sendTest(): Promise<NotificationPermissionState>;
}
/**
 * The renderer's link to the core. `reconnecting`: the browser host went away (stopped, restarted)
 * and the page keeps trying; requests made meanwhile wait and go out once it is back. `refused`:
 * a host answers on the address again but does not know this page's session (another workspace,
 * or its session file was deleted): the printed URL must be opened again.
 */
export type CoreConnectionState = 'connected' | 'reconnecting' | 'refused';

export interface CrmBridge {
  requests: CrmRequestMethods;
  /** Subscribe to pushed core events; returns an unsubscribe function. */
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /** Routes such as `supporter/<id>` requested by the shell (notification click, deep link). */
  onNavigate(listener: (route: string) => void): () => void;
  transport: 'electron' | 'browser';
  /** Electron only: OS notifications go through the shell's service. */
  notifications?: ShellNotificationsBridge;
  /** Connection changes; only transports that can lose their core have it (the browser host's WebSocket). */
  onConnectionChange?(listener: (state: CoreConnectionState) => void): () => void;
}
