import { useMemo } from 'react';
import { syncStore } from '../sync/syncStore';
import { formatRelativeTime } from './formatters';

/** The last sync, when presence may be out of date because the platform cannot be reached. */
export interface PresenceAsOf {
  lastSyncedAt: string | null;
}

/**
 * Green when online (the supporter's latest presence record, SPEC §2), grey otherwise. While the
 * platform is unreachable nobody can be known to be online now: an online supporter's dot turns
 * hollow and says "last seen online" as of the last sync.
 */
export function OnlineDot({ online, asOf = null, now = Date.now() }: { online: boolean; asOf?: PresenceAsOf | null; now?: number }) {
  const stale = online && asOf !== null;
  const label = !online ? 'Offline' : stale ? lastSeenText(asOf, now) : 'Online';
  return (
    <span
      className={online ? (stale ? 'online-dot last-seen' : 'online-dot online') : 'online-dot'}
      role="img"
      aria-label={label}
      title={!online ? 'Offline' : stale ? `${label} — the platform cannot be reached, so this may have changed` : 'Online now'}
      data-testid="online-dot"
      data-online={online}
      data-stale={stale || undefined}
    />
  );
}

export function lastSeenText(asOf: PresenceAsOf, now = Date.now()): string {
  return asOf.lastSyncedAt ? `Last seen online ${formatRelativeTime(asOf.lastSyncedAt, now)}` : 'Last seen online before the connection was lost';
}

/** Non-null while presence cannot be trusted: the platform is configured but unreachable (offline, or the token refused). */
export function usePresenceAsOf(): PresenceAsOf | null {
  const state = syncStore((store) => store.status?.state ?? null);
  const lastSyncedAt = syncStore((store) => store.status?.lastSyncedAt ?? null);
  const stale = state === 'offline' || state === 'needs_reconnect';
  // One object while nothing changes, so memoized rows do not re-render.
  return useMemo(() => (stale ? { lastSyncedAt } : null), [stale, lastSyncedAt]);
}
