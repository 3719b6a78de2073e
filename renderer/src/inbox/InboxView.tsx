import { useEffect } from 'react';
import { INBOX_TABS, type InboxTab } from '../../../shared/domain/segments';
import { formatRelativeTime, formatTokens, humanize } from '../app/formatters';
import { routeStore } from '../app/routeStore';
import { SegmentBadge } from '../app/segmentBadge';
import { inboxStore } from './inboxStore';

export const TAB_LABELS: Record<InboxTab, string> = {
  vip: 'VIP',
  hot_leads: 'Hot Leads',
  all: 'All',
  dormant: 'Dormant',
  new: 'New',
};

const EMPTY_TEXT: Record<InboxTab, string> = {
  vip: 'No VIPs yet: supporters join this tab at 1,000 lifetime tokens.',
  hot_leads: 'No hot leads right now: supporters appear here at a 70% conversion probability.',
  all: 'No paying supporters yet.',
  dormant: 'Nobody is dormant: every supporter was active in the last 7 days.',
  new: 'No first purchases in the last 30 days.',
};

export function InboxView({ tab }: { tab: InboxTab }) {
  const { counts, entries, total, status, error, selectedIndex, search } = inboxStore();
  const navigate = routeStore((state) => state.navigate);

  useEffect(() => {
    inboxStore.getState().showTab(tab);
  }, [tab]);

  return (
    <section className="inbox" aria-label="Supporter inbox">
      <div className="inbox-toolbar">
        <div role="tablist" aria-label="Inbox tabs" className="tabs">
          {INBOX_TABS.map((candidate, index) => (
            <button
              key={candidate}
              role="tab"
              aria-selected={candidate === tab}
              className={candidate === tab ? 'tab active' : 'tab'}
              title={`${TAB_LABELS[candidate]} (${index + 1})`}
              onClick={() => navigate({ page: 'inbox', tab: candidate })}
            >
              {TAB_LABELS[candidate]}
              <span className="tab-count" data-testid={`tab-count-${candidate}`}>
                {counts ? formatTokens(counts[candidate]) : '…'}
              </span>
            </button>
          ))}
        </div>
        <input
          className="search"
          type="search"
          placeholder="Search by handle  ( / )"
          aria-label="Search supporters by handle"
          value={search}
          onChange={(event) => inboxStore.getState().setSearch(event.target.value)}
        />
        <button className="button" onClick={() => void inboxStore.getState().refresh()} title="Refresh (F5)">
          ⟳ Refresh
        </button>
      </div>
      {status === 'error' ? (
        <div className="state error-state" role="alert">
          <p>Could not load the inbox: {error}</p>
          <button className="button" onClick={() => void inboxStore.getState().refresh()}>
            Try again
          </button>
        </div>
      ) : status === 'loading' ? (
        <div className="state" aria-busy="true">
          Loading…
        </div>
      ) : entries.length === 0 ? (
        <div className="state empty-state">{search ? `No supporter handle matches "${search}".` : EMPTY_TEXT[tab]}</div>
      ) : (
        <>
          <p className="list-caption">
            Showing {entries.length} of {formatTokens(total)}
          </p>
          <ul className="inbox-list" role="listbox" aria-label={`${TAB_LABELS[tab]} supporters`}>
            {entries.map((entry, index) => (
              <li
                key={entry.supporterId}
                role="option"
                aria-selected={index === selectedIndex}
                className={index === selectedIndex ? 'inbox-row selected' : 'inbox-row'}
                data-testid="inbox-row"
                onClick={() => navigate({ page: 'supporter', supporterId: entry.supporterId })}
              >
                <span className={entry.online ? 'online-dot online' : 'online-dot'} aria-label={entry.online ? 'online' : 'offline'} />
                <span className="handle">{entry.handle}</span>
                <SegmentBadge segment={entry.segment} />
                <span className="spend" title="Lifetime tokens">
                  {formatTokens(entry.lifetimeTokens)} tokens
                </span>
                <span className="muted" title="Tokens in the last 30 days">
                  {formatTokens(entry.monthlyTokens)} / 30 d
                </span>
                <span className="muted">{formatRelativeTime(entry.lastActivityAt)}</span>
                {entry.unreadCount > 0 && (
                  <span className="badge unread" aria-label={`${entry.unreadCount} unread`}>
                    {entry.unreadCount}
                  </span>
                )}
                <span className={`badge potential-${entry.conversionPotential}`}>
                  {entry.conversionProbability}% · {humanize(entry.conversionPotential)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
