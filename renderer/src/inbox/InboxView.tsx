import { useEffect } from 'react';
import { INBOX_TABS, type InboxTab } from '../../../shared/domain/segments';
import { ErrorState } from '../app/ErrorState';
import { formatTokens, plural } from '../app/formatters';
import { Icon } from '../app/Icon';
import { TAB_LABELS } from '../app/labels';
import { routeStore } from '../app/routeStore';
import { UpdatedAt } from '../app/UpdatedAt';
import { InboxList } from './InboxList';
import { inboxStore, type AllTabSort } from './inboxStore';

/** What an empty tab means, in the creator's terms (SPEC §4–5), rather than a bare "nothing here". */
const EMPTY_TEXT: Record<InboxTab, { title: string; hint: string }> = {
  vip: { title: 'No VIPs yet', hint: 'Supporters join this tab once they have spent 1,000 tokens with you.' },
  hot_leads: { title: 'No hot leads right now', hint: 'Supporters appear here when their conversion probability reaches 70%.' },
  all: { title: 'No paying supporters yet', hint: 'Everyone who has spent at least one token with you is listed here.' },
  dormant: { title: 'Nobody is dormant', hint: 'Supporters inactive for 7 to 30 days would show up here for a reactivation nudge.' },
  new: { title: 'No new supporters', hint: 'Supporters whose first purchase was in the last 30 days are listed here.' },
};

export function InboxView({ tab }: { tab: InboxTab }) {
  const counts = inboxStore((state) => state.counts);
  const total = inboxStore((state) => state.total);
  const rowCount = inboxStore((state) => state.rowCount);
  const status = inboxStore((state) => state.status);
  const error = inboxStore((state) => state.error);
  const search = inboxStore((state) => state.search);
  const allTabSort = inboxStore((state) => state.allTabSort);
  const query = inboxStore((state) => state.query);
  const refreshing = inboxStore((state) => state.refreshing);
  const updatedAt = inboxStore((state) => state.updatedAt);
  const navigate = routeStore((state) => state.navigate);

  useEffect(() => {
    inboxStore.getState().showTab(tab);
  }, [tab]);

  return (
    <section className="inbox" aria-labelledby="inbox-title">
      {/* The page's heading for assistive tech; the selected tab says the rest on screen. */}
      <h1 id="inbox-title" className="sr-only">
        Inbox
      </h1>
      <div className="inbox-toolbar">
        <div role="tablist" aria-label="Inbox tabs" className="tabs">
          {INBOX_TABS.map((candidate, index) => (
            <button
              key={candidate}
              role="tab"
              id={`tab-${candidate}`}
              aria-selected={candidate === tab}
              aria-controls="inbox-panel"
              tabIndex={candidate === tab ? 0 : -1}
              className={candidate === tab ? 'tab active' : 'tab'}
              title={`${TAB_LABELS[candidate]} (press ${index + 1})`}
              // Read as "VIP, 23 supporters", not "VIP23"; it starts with the visible words, as speech input expects.
              aria-label={`${TAB_LABELS[candidate]}, ${counts ? plural(counts[candidate], 'supporter') : 'counting supporters'}`}

              onClick={() => navigate({ page: 'inbox', tab: candidate })}
              onKeyDown={(event) => {
                // Arrow keys move between tabs, as in every tablist.
                const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
                if (step === 0) return;
                event.preventDefault();
                const next = INBOX_TABS[(index + step + INBOX_TABS.length) % INBOX_TABS.length] ?? 'vip';
                navigate({ page: 'inbox', tab: next });
                document.getElementById(`tab-${next}`)?.focus();
              }}
            >
              {TAB_LABELS[candidate]}{' '}
              <span className="tab-count" data-testid={`tab-count-${candidate}`}>
                {counts ? formatTokens(counts[candidate]) : '…'}
              </span>
            </button>
          ))}
        </div>
        {tab === 'all' && (
          <label className="sort-control">
            Sort by{' '}
            <select
              aria-label="Sort the All tab"
              value={allTabSort}
              onChange={(event) => inboxStore.getState().setAllTabSort(event.target.value as AllTabSort)}
            >
              <option value="default">Last activity</option>
              <option value="chance_active">Chance still active</option>
              <option value="expected_tokens">Expected tokens, next 30 days</option>
            </select>
          </label>
        )}
        <input
          className="search"
          type="search"
          placeholder="Search by handle  ( / )"
          aria-label="Search supporters by handle"
          value={search}
          maxLength={100}
          onChange={(event) => inboxStore.getState().setSearch(event.target.value)}
        />
        <button
          type="button"
          className="button"
          onClick={() => void inboxStore.getState().refresh()}
          title="Refresh (F5 or Ctrl+R)"
          aria-busy={refreshing}
          disabled={refreshing}
        >
          <Icon name="refresh" size={14} className={refreshing ? 'spin' : undefined} /> {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <div id="inbox-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} className="inbox-panel">
        {status === 'error' && error ? (
          <ErrorState title="Could not load the inbox" error={error} onRetry={() => void inboxStore.getState().refresh()} />
        ) : status === 'loading' ? (
          <div className="state" aria-busy="true">
            Loading supporters…
          </div>
        ) : rowCount === 0 ? (
          <div className="state empty-state" data-testid="empty-state">
            {query ? (
              <>
                <h2>No matches</h2>
                <p>No supporter handle in {TAB_LABELS[tab]} contains “{query}”.</p>
              </>
            ) : (
              <>
                <h2>{EMPTY_TEXT[tab].title}</h2>
                <p>{EMPTY_TEXT[tab].hint}</p>
              </>
            )}
          </div>
        ) : (
          <>
            <p className="list-caption" data-testid="list-caption">
              <ListCaption tab={tab} rowCount={rowCount} total={total} query={query} />
              {updatedAt !== null && (
                <>
                  <span aria-hidden="true">·</span>
                  <UpdatedAt at={updatedAt} testId="updated-at" />
                </>
              )}
              <span className="keyboard-hint" aria-hidden="true">
                j/k to move · Enter to open · / to search
              </span>
            </p>
            <InboxList tab={tab} />
          </>
        )}
      </div>
    </section>
  );
}

function ListCaption({ tab, rowCount, total, query }: { tab: InboxTab; rowCount: number; total: number; query: string }) {
  const matching = query ? ` matching “${query}”` : '';
  if (rowCount < total) return <span>Top {formatTokens(rowCount)} of {formatTokens(total)} {tab === 'vip' ? 'VIPs' : 'supporters'}{matching}</span>;
  return (
    <span>
      {formatTokens(total)} {total === 1 ? 'supporter' : 'supporters'}
      {matching}
    </span>
  );
}
