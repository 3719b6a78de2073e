import { useEffect, useRef } from 'react';
import { ErrorState } from '../app/ErrorState';
import { formatTokenAmount, formatTokens } from '../app/formatters';
import { routeStore } from '../app/routeStore';
import { SegmentBadge } from '../app/SegmentBadge';
import { describeSearchMatch } from '../../../shared/domain/describeSearchMatch';
import './memory.css';
import { memorySearchStore, SEARCH_PAGE } from './memorySearchStore';
import { SearchMatchNote } from './SearchMatchNote';

/**
 * Search across handles, the creator's notes and tags (SPEC §13), a page of at most 100
 * supporters. Each result opens that supporter's profile; nothing here acts on the list.
 */
export function MemorySearchView() {
  const { text, query, offset, total, entries, matches, status, error } = memorySearchStore();
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    inputRef.current?.focus();
    // Back from a profile: the same results, refreshed (a note may have changed them).
    if (memorySearchStore.getState().query !== '') void memorySearchStore.getState().showPage(memorySearchStore.getState().offset);
  }, []);
  return (
    <section className="memory-search" aria-label="Search">
      <h1>Search</h1>
      <div className="memory-search-box">
        <input
          ref={inputRef}
          className="memory-search-input"
          type="search"
          aria-label="Search handles, notes and tags"
          placeholder="Search handles, notes and tags  ( / )"
          maxLength={200}
          value={text}
          onChange={(event) => memorySearchStore.getState().setText(event.target.value)}
        />
      </div>
      {status === 'error' && error ? (
        <ErrorState title="Could not search" error={error} onRetry={() => void memorySearchStore.getState().showPage(offset)} />
      ) : query === '' ? (
        <p className="muted">Find a supporter by part of their handle, a word from your notes, or a tag. Case and accents do not matter.</p>
      ) : status === 'ready' && total === 0 ? (
        <div className="state empty-state" data-testid="search-empty">
          <h2>No matches</h2>
          <p>No handle, note or tag matches “{query}”.</p>
          {[...query].length < 3 && <p className="muted">With fewer than three characters, only the start of handles and words is matched.</p>}
        </div>
      ) : (
        <>
          <p className="list-caption" data-testid="search-caption" aria-live="polite">
            {status === 'loading' ? 'Searching…' : `${formatTokens(offset + 1)}–${formatTokens(offset + entries.length)} of ${formatTokens(total)} supporters`}
          </p>
          <ul className="search-results" aria-label="Search results" aria-busy={status === 'loading'}>
            {entries.map((entry) => (
              <li key={entry.supporterId}>
                <button
                  type="button"
                  className="search-result"
                  data-testid="search-result"
                  aria-label={[entry.handle, describeSearchMatch(matches.get(entry.supporterId))].filter(Boolean).join(', ')}
                  onClick={() => routeStore.getState().navigate({ page: 'supporter', supporterId: entry.supporterId })}
                >
                  <span className="handle">{entry.handle}</span>
                  <SegmentBadge segment={entry.segment} />
                  <span className="muted">{formatTokenAmount(entry.lifetimeTokens)} lifetime</span>
                  <SearchMatchNote match={matches.get(entry.supporterId)} />
                </button>
              </li>
            ))}
          </ul>
          {total > SEARCH_PAGE && (
            <div className="search-paging">
              <button type="button" className="button small" disabled={offset === 0 || status === 'loading'} onClick={() => void memorySearchStore.getState().showPage(Math.max(0, offset - SEARCH_PAGE))}>
                Previous page
              </button>
              <button
                type="button"
                className="button small"
                disabled={offset + SEARCH_PAGE >= total || status === 'loading'}
                onClick={() => void memorySearchStore.getState().showPage(offset + SEARCH_PAGE)}
              >
                Next page
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

