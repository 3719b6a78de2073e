import { useEffect } from 'react';
import { INBOX_VIEWS, type InboxViewName } from '../../../shared/domain/segments';
import { ErrorState } from '../app/ErrorState';
import { formatTokens, plural } from '../app/formatters';
import { Icon } from '../app/Icon';
import { TAB_LABELS } from '../app/labels';
import { routeStore } from '../app/routeStore';
import { UpdatedAt } from '../app/UpdatedAt';
import { settingsStore } from '../settings/settingsStore';
import { useTagOptions } from '../memory/useTagOptions';
import { InboxList } from './InboxList';
import { inboxStore, type AllTabSort } from './inboxStore';
import { RowMemoryDialog } from './RowMemoryDialog';

/** What an empty tab means, in the creator's terms (SPEC §4–5), rather than a bare "nothing here". */
const EMPTY_TEXT: Record<InboxViewName, { title: string; hint: string }> = {
  now: { title: 'Nobody needs you right now', hint: 'Supporters who have spent with you, or whom an open alert names, are listed here by who to talk to first. Snoozed supporters come back when their snooze ends.' },
  vip: { title: 'No VIPs yet', hint: 'Supporters join this tab once they have spent 1,000 tokens with you.' },
  hot_leads: { title: 'No hot leads right now', hint: 'Supporters appear here when their conversion probability reaches 70%.' },
  all: { title: 'No paying supporters yet', hint: 'Everyone who has spent at least one token with you is listed here.' },
  dormant: { title: 'Nobody is dormant', hint: 'Supporters inactive for 7 to 30 days would show up here for a reactivation nudge.' },
  new: { title: 'No new supporters', hint: 'Supporters whose first purchase was in the last 30 days are listed here.' },
};

export function InboxView({ tab }: { tab: InboxViewName }) {
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
  const tag = inboxStore((state) => state.tag);
  const allVips = inboxStore((state) => state.allVips);
  const navigate = routeStore((state) => state.navigate);
  const tagOptions = useTagOptions(updatedAt, tag);

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
          {INBOX_VIEWS.map((candidate, index) => (
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
                const next = INBOX_VIEWS[(index + step + INBOX_VIEWS.length) % INBOX_VIEWS.length] ?? 'now';
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
        <label className="sort-control">
          Tag{' '}
          <select aria-label="Show only supporters with this tag" data-testid="tag-filter" value={tag ?? ''} onChange={(event) => inboxStore.getState().setTag(event.target.value === '' ? null : event.target.value)}>
            <option value="">Any tag</option>
            {tagOptions.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
        {tab === 'all' && tag === null && (
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
            {query || tag !== null ? (
              <>
                <h2>No matches</h2>
                {tag === null ? (
                  <p>
                    No supporter handle in {TAB_LABELS[tab]} contains “{query}”.
                  </p>
                ) : (
                  <p>
                    No supporter in {TAB_LABELS[tab]} carries the tag “{tag}”{query ? ` and has a handle containing “${query}”` : ''}.
                  </p>
                )}
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
              <ListCaption tab={tab} rowCount={rowCount} total={total} query={query} tag={tag} allVips={allVips} />
              {updatedAt !== null && (
                <>
                  <span aria-hidden="true">·</span>
                  <UpdatedAt at={updatedAt} testId="updated-at" />
                </>
              )}
              <span className="keyboard-hint" aria-hidden="true">
                {tab === 'now' ? 'j/k to move · e do the suggestion · s snooze · r remind me · t tags · Enter to open' : 'j/k to move · t tags · Enter to open · / to search'}
              </span>
            </p>
            <InboxList tab={tab} />
          </>
        )}
      </div>
      <RowMemoryDialog />
    </section>
  );
}

/**
 * The tags the filter offers: the first 100 in use (`tags.list`), read again when the list is, so a
 * tag just added from a row appears; the chosen tag stays offered even when nobody carries it now.
 */
function ListCaption(props: { tab: InboxViewName; rowCount: number; total: number; query: string; tag: string | null; allVips: boolean }) {
  const { tab, rowCount, total, query, tag, allVips } = props;
  const vipTabSize = settingsStore((state) => state.settings?.vipTabSize ?? null);
  useEffect(() => {
    if (tab === 'vip' && settingsStore.getState().settings === null) void settingsStore.getState().load();
  }, [tab]);
  const matching = `${tag !== null ? ` tagged “${tag}”` : ''}${query ? ` matching “${query}”` : ''}`;
  if (tab === 'vip') {
    // SPEC §11: the VIP tab keeps its rule (the top vipTabSize by lifetime spend) and says so, with a way to see every VIP.
    const cut = !allVips && rowCount < total;
    return (
      <span data-testid="vip-caption">
        {cut ? `Top ${formatTokens(vipTabSize ?? rowCount)} by lifetime spend, of ${formatTokens(total)} VIPs` : `All ${formatTokens(total)} ${total === 1 ? 'VIP' : 'VIPs'} by lifetime spend`}
        {matching}{' '}
        {(cut || allVips) && (
          <button type="button" className="link inline-action" data-testid="show-all-vips" onClick={() => inboxStore.getState().setAllVips(!allVips)}>
            {allVips ? `Show the top ${formatTokens(vipTabSize ?? 10)} only` : 'Show all VIPs'}
          </button>
        )}
      </span>
    );
  }
  if (tab === 'now') {
    return (
      <span>
        {formatTokens(total)} to talk to{matching}, who first
      </span>
    );
  }
  if (rowCount < total) return <span>Top {formatTokens(rowCount)} of {formatTokens(total)} supporters{matching}</span>;
  return (
    <span>
      {formatTokens(total)} {total === 1 ? 'supporter' : 'supporters'}
      {matching}
    </span>
  );
}
