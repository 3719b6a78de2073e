import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_REQUEST_NAMES } from '../../shared/contract/apiRequestNames';
import type { CoreEvent } from '../../shared/contract/apiTypes';
import { IPC_EVENT_CHANNEL, IPC_NAVIGATE_CHANNEL, IPC_NOTIFICATIONS_STATUS_CHANNEL, IPC_NOTIFICATIONS_TEST_CHANNEL, ipcRequestChannel } from '../../shared/contract/ipcChannels';

/**
 * Exposes one method per request of the contract, and two subscriptions; never `ipcRenderer`
 * itself, so a compromised page cannot reach arbitrary channels.
 */
const requests = Object.fromEntries(
  API_REQUEST_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(ipcRequestChannel(name), input)]),
);

function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => ipcRenderer.removeListener(channel, handler);
}

contextBridge.exposeInMainWorld('crm', {
  requests,
  transport: 'electron',
  onEvent: (listener: (event: CoreEvent) => void) => subscribe(IPC_EVENT_CHANNEL, listener),
  onNavigate: (listener: (route: string) => void) => subscribe(IPC_NAVIGATE_CHANNEL, listener),
  notifications: {
    status: () => ipcRenderer.invoke(IPC_NOTIFICATIONS_STATUS_CHANNEL),
    sendTest: () => ipcRenderer.invoke(IPC_NOTIFICATIONS_TEST_CHANNEL),
  },
});
