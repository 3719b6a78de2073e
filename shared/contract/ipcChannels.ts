import type { ApiRequestName } from './apiContract';

/** Electron IPC channel names: one per request, typed from the contract (GitHub Desktop style). */
export function ipcRequestChannel(name: ApiRequestName): `crm:${ApiRequestName}` {
  return `crm:${name}`;
}

export const IPC_EVENT_CHANNEL = 'crm:event';
export const IPC_NAVIGATE_CHANNEL = 'crm:navigate';
/** The shell's notification service (not the core): its permission state, and a test notification. */
export const IPC_NOTIFICATIONS_STATUS_CHANNEL = 'crm-shell:notifications.status';
export const IPC_NOTIFICATIONS_TEST_CHANNEL = 'crm-shell:notifications.test';
