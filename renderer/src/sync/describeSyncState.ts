import type { SyncConnectionState } from '../../../shared/contract/apiTypes';

/** The status bar's words and colour for each connection state. */
export const SYNC_STATE_TEXT: Record<SyncConnectionState, { label: string; tone: 'ok' | 'busy' | 'warn' | 'off' }> = {
  online: { label: 'Online', tone: 'ok' },
  syncing: { label: 'Syncing…', tone: 'busy' },
  offline: { label: 'Offline — working from the local cache', tone: 'warn' },
  needs_reconnect: { label: 'Reconnect needed — the platform refused the token', tone: 'warn' },
  not_configured: { label: 'Not connected to the platform', tone: 'off' },
};

/** A demo workspace is never synced, whatever its connection state (docs/sync-protocol.md §5). */
export const DEMO_STATE_TEXT = { label: 'Demo workspace — never synced', tone: 'off' } as const;
/** Replaces the platform's state while the console's own host cannot be reached. */
export const CONSOLE_DISCONNECTED_TEXT = { label: 'Console disconnected', tone: 'warn' } as const;
