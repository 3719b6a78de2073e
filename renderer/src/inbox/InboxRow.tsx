import { memo } from 'react';
import type { InboxEntry } from '../../../shared/domain/inboxEntry';
import { formatRoute } from '../../../shared/routes/appRoute';
import { formatDateTime, formatRelativeTime, formatTokens } from '../app/formatters';
import { handleLabel, HandleText } from '../app/HandleText';
import { POTENTIAL_LABELS, TIER_LABELS } from '../app/labels';
import { Icon } from '../app/Icon';
import { SegmentBadge } from '../app/SegmentBadge';
import { OnlineDot, type PresenceAsOf } from '../app/OnlineDot';
import type { AvailabilityByType } from '../actions/actionAvailabilityStore';
import { QuickActions } from './QuickActions';

interface InboxRowProps {
  /** Offset from the top of the list (the virtualizer positions rows absolutely). */
  top: number;
  entry: InboxEntry;
  index: number;
  setSize: number;
  selected: boolean;
  blockedReason: string | null;
  /** The core's answer on which actions can run now (undefined until it has answered). */
  availability: AvailabilityByType | undefined;
  /** When the platform is unreachable: the last sync, so online dots say "last seen" instead of "online now". */
  presenceAsOf: PresenceAsOf | null;
  /** Relative times are computed against one clock per render of the list, not per row. */
  now: number;
  onOpen(index: number, supporterId: string): void;
}

/** One supporter in the inbox. Memoized: while scrolling, only rows that enter the screen render. */
export const InboxRow = memo(function InboxRow({ top, entry, index, setSize, selected, blockedReason, availability, presenceAsOf, now, onOpen }: InboxRowProps) {
  return (
    <div
      role="listitem"
      aria-posinset={index + 1}
      aria-setsize={setSize}
      aria-current={selected ? 'true' : undefined}
      aria-label={handleLabel(entry.handle)}
      className={selected ? 'inbox-row selected' : 'inbox-row'}
      style={{ transform: `translateY(${top}px)` }}
      data-testid="inbox-row"
      data-supporter-id={entry.supporterId}
      onClick={() => onOpen(index, entry.supporterId)}
    >
      <OnlineDot online={entry.online} asOf={presenceAsOf} now={now} />
      <div className="row-main">
        <div className="row-title">
          <a
            className="handle"
            href={`#/${formatRoute({ page: 'supporter', supporterId: entry.supporterId })}`}
            title={handleLabel(entry.handle)}
            onClick={(event) => {
              event.preventDefault();
              event.stopPropagation();
              onOpen(index, entry.supporterId);
            }}
          >
            <HandleText handle={entry.handle} fit="middle" />
            {/* The whole handle on hover and keyboard focus; hidden from assistive tech, which reads the link's text in full. */}
            <span className="handle-tooltip" aria-hidden="true">
              {handleLabel(entry.handle)}
            </span>
          </a>
          <SegmentBadge segment={entry.segment} />
        </div>
        <div className="row-badges">
          {entry.fanClubTier && (
            <span className={`badge tier tier-${entry.fanClubTier}`} data-testid="fan-club-badge">
              <Icon name="award" size={11} /> Fan club · {TIER_LABELS[entry.fanClubTier]}
            </span>
          )}
          {entry.hasUpcomingEvent && (
            <span className="badge event" data-testid="event-badge">
              <Icon name="calendar" size={11} /> Upcoming event
            </span>
          )}
          {entry.flags.dmReminder && (
            <span className="badge flag" data-testid="flag-dm-reminder">
              <Icon name="clock" size={11} /> Reply reminder
            </span>
          )}
          {entry.flags.priorityReply && (
            <span className="badge flag" data-testid="flag-priority-reply">
              <Icon name="zap" size={11} /> Priority reply
            </span>
          )}
        </div>
      </div>
      <span className="cell number" data-testid="lifetime-tokens">
        <span className="sr-only">Lifetime </span>
        {formatTokens(entry.lifetimeTokens)}
      </span>
      <span className="cell number muted column-monthly" data-testid="monthly-tokens">
        <span className="sr-only">Last 30 days </span>
        {formatTokens(entry.monthlyTokens)}
      </span>
      <span className="cell muted" data-testid="last-activity">
        <span className="sr-only">Last active </span>
        {entry.lastActivityAt ? (
          <time dateTime={entry.lastActivityAt} title={formatDateTime(entry.lastActivityAt)}>
            {formatRelativeTime(entry.lastActivityAt, now)}
          </time>
        ) : (
          'never'
        )}
      </span>
      <span className="cell">
        {entry.unreadCount > 0 && (
          <span className="badge unread" data-testid="unread-badge" title={`${entry.unreadCount} unread messages`}>
            {entry.unreadCount}
            <span className="sr-only"> unread</span>
          </span>
        )}
      </span>
      <span className="cell">
        <span className={`badge potential potential-${entry.conversionPotential}`} data-testid="potential-badge" title="Conversion probability">
          {entry.conversionProbability}% · {POTENTIAL_LABELS[entry.conversionPotential]}
        </span>
      </span>
      <QuickActions entry={entry} blockedReason={blockedReason} availability={availability} now={now} />
    </div>
  );
});

/** A row whose page is still on its way: the same height, so the scrollbar never jumps. */
export function InboxRowPlaceholder({ top, index, setSize }: { top: number; index: number; setSize: number }) {
  return (
    <div
      role="listitem"
      aria-posinset={index + 1}
      aria-setsize={setSize}
      aria-busy="true"
      className="inbox-row placeholder"
      style={{ transform: `translateY(${top}px)` }}
      data-testid="inbox-row-placeholder"
    >
      <span className="online-dot" />
      <span className="skeleton-bar" />
      <span className="sr-only">Loading supporter {index + 1}…</span>
    </div>
  );
}
