import { memo, type MouseEvent } from 'react';
import type { InboxEntry, NowQueueEntry } from '../../../shared/domain/inboxEntry';
import type { InboxViewName } from '../../../shared/domain/segments';
import { formatRoute } from '../../../shared/routes/appRoute';
import { formatDateTime, formatRelativeTime, formatTokens } from '../app/formatters';
import { handleLabel, HandleText } from '../app/HandleText';
import { ACTION_LABELS, POTENTIAL_LABELS, TIER_LABELS } from '../app/labels';
import { Icon } from '../app/Icon';
import { SegmentBadge } from '../app/SegmentBadge';
import { OnlineDot, type PresenceAsOf } from '../app/OnlineDot';
import type { AvailabilityByType } from '../actions/actionAvailabilityStore';
import { actionStore } from '../actions/actionStore';
import { QuickActions } from './QuickActions';
import { rowMemoryStore, type RowMemoryMode } from './rowMemoryStore';

/**
 * Handles up to this many characters never give way in a row (the tag chips and the row's links do):
 * at any list width they fit the supporter column, and the handle is who the row is. Longer ones
 * are truncated in the middle when room runs short.
 */
const SHORT_HANDLE = 14;

interface InboxRowProps {
  /** The view the row is in: the Now queue shows reasons and a suggestion, New its first purchase. */
  tab: InboxViewName;
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
export const InboxRow = memo(function InboxRow({ tab, top, entry, index, setSize, selected, blockedReason, availability, presenceAsOf, now, onOpen }: InboxRowProps) {
  const nowEntry = isNowQueueEntry(entry) ? entry : null;
  const shownAt = tab === 'new' ? entry.firstPurchaseAt : entry.lastActivityAt;
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
            className={Array.from(handleLabel(entry.handle)).length <= SHORT_HANDLE ? 'handle keep-whole' : 'handle'}
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
          {entry.tags.length > 0 && (
            <span className="row-tags">
              <span className="sr-only">Tags: </span>
              {entry.tags.map((tag) => (
                <span key={tag} className="badge tag-chip row-tag" data-testid="row-tag-chip">
                  {tag}
                </span>
              ))}
            </span>
          )}
          <RowMemoryButtons entry={entry} nowQueue={nowEntry !== null} />
        </div>
        {nowEntry ? (
          <NowReasons entry={nowEntry} />
        ) : (
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
        )}
      </div>
      <span className="cell number" data-testid="lifetime-tokens">
        <span className="sr-only">Lifetime </span>
        {formatTokens(entry.lifetimeTokens)}
      </span>
      <span className="cell number muted column-monthly" data-testid="monthly-tokens">
        <span className="sr-only">Last 30 days </span>
        {formatTokens(entry.monthlyTokens)}
      </span>
      <span className="cell muted" data-testid={tab === 'new' ? 'first-purchase' : 'last-activity'}>
        <span className="sr-only">{tab === 'new' ? 'First purchase ' : 'Last active '}</span>
        {shownAt ? (
          <time dateTime={shownAt} title={formatDateTime(shownAt)}>
            {formatRelativeTime(shownAt, now)}
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

function isNowQueueEntry(entry: InboxEntry): entry is NowQueueEntry {
  return 'nowScore' in entry;
}

/**
 * The Now queue's second line: the one suggested action (runs after the usual confirmation; `e`
 * on the selected row) and why the supporter is here, largest reason first.
 */
function NowReasons({ entry }: { entry: NowQueueEntry }) {
  const suggestion = entry.suggestedAction;
  return (
    <div className="row-badges now-reasons" data-testid="now-reasons">
      {suggestion && (
        <button
          type="button"
          className="badge suggestion"
          data-testid="suggested-action"
          title={`${ACTION_LABELS[suggestion]}: the action most worth taking now (press e)`}
          onClick={(event) => {
            event.stopPropagation();
            void actionStore.getState().open({ supporterId: entry.supporterId, handle: entry.handle, type: suggestion });
          }}
        >
          <Icon name="zap" size={11} /> {ACTION_LABELS[suggestion]}
        </button>
      )}
      <span className="now-reason-text" title={`Now score ${entry.nowScore}: ${entry.nowReasons.join(' · ')}`}>
        <span className="sr-only">Why now: </span>
        {entry.nowReasons.join(' · ')}
      </span>
    </div>
  );
}

/** Tag this supporter, and on the Now queue "Remind me" and snooze: one supporter at a time (SPEC §13). */
function RowMemoryButtons({ entry, nowQueue }: { entry: InboxEntry; nowQueue: boolean }) {
  const handle = handleLabel(entry.handle);
  const open = (mode: RowMemoryMode) => (event: MouseEvent) => {
    event.stopPropagation();
    rowMemoryStore.getState().open({ supporterId: entry.supporterId, handle: entry.handle, tags: entry.tags }, mode);
  };
  return (
    <span className="row-memory-buttons">
      <button type="button" className="link small" aria-label={`Tags of ${handle}`} title="Add or remove a tag (t)" data-testid="row-tags-button" onClick={open('tags')}>
        Tags
      </button>
      {nowQueue && (
        <>
          <button type="button" className="link small" aria-label={`Remind me about ${handle}`} title="Remind me (r)" data-testid="row-remind-button" onClick={open('remind')}>
            Remind me
          </button>
          <button type="button" className="link small" aria-label={`Snooze ${handle}`} title="Snooze (s)" data-testid="row-snooze-button" onClick={open('snooze')}>
            Snooze
          </button>
        </>
      )}
    </span>
  );
}

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
