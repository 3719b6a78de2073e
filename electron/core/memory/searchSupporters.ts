import type { SearchMatch } from '../../../shared/domain/supporterMemory';
import type { InboxEntry } from '../../../shared/domain/inboxEntry';
import type { CoreServices } from '../createCoreServices';
import { buildInboxEntry } from '../engine/inbox/buildInboxEntry';
import { inboxEntryContext } from '../engine/inbox/inboxEntryContext';
import { describeMemoryMatch } from './describeMemoryMatch';
import { foldForSearch } from './foldForSearch';

export interface SupporterSearchRequest {
  text: string;
  limit?: number;
  offset?: number;
}

export interface SupporterSearchPage {
  total: number;
  entries: InboxEntry[];
  /** Where each entry matched, in the same order. */
  matches: SearchMatch[];
}

export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 100;
/** The trigram index answers parts of three characters or more; shorter text matches the start of handles. */
const TRIGRAM = 3;
/** One-letter words would match nearly every note; they are left out of the note and tag search. */
const MIN_MEMORY_WORD = 2;

/** A LIKE pattern for "starts with", LIKE's own wildcards taken literally. */
function startsWithPattern(text: string): string {
  return `${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * `crm search` (SPEC §13): supporters whose handle, note text or tags match, as one page of inbox
 * entries. The order, so the supporter the creator means comes first:
 * 1. handles starting with the text (an exact handle first), alphabetically;
 * 2. handles containing it elsewhere (three characters or more), in the order supporters arrived;
 * 3. supporters found only through their notes or tag names — every word of the text is a word
 *    there, the last one may be the start of one — whose notes or tags were written most recently first.
 * Diacritics and case are folded everywhere; a leading "@" is ignored for handles.
 */
export function searchSupporters(services: Pick<CoreServices, 'stores' | 'segmentation'>, request: SupporterSearchRequest, now: number): SupporterSearchPage {
  const limit = Math.min(MAX_SEARCH_LIMIT, Math.max(1, request.limit ?? DEFAULT_SEARCH_LIMIT));
  const offset = Math.max(0, request.offset ?? 0);
  // Control characters are no search text, and a NUL would end an FTS5 query string early.
  const text = request.text.normalize('NFC').replace(/\p{Cc}/gu, ' ').trim().replace(/\s+/gu, ' ');
  const search = services.stores.memorySearch;
  // Normally a no-op: writes refresh the documents they touch (a safety net for any other writer).
  search.refresh();

  const handleText = text.replace(/^@+/, '');
  const prefix = startsWithPattern(handleText);
  const phrase = [...handleText].length >= TRIGRAM ? `"${handleText.replace(/"/g, '""')}"` : null;
  const prefixCount = handleText === '' ? 0 : search.prefixCount(prefix);
  // Every handle starting with the text also contains it, so the rest of the trigram matches are the "contains" group.
  const containsCount = phrase === null ? 0 : Math.max(0, search.containsCount(phrase) - prefixCount);

  const words = foldForSearch(text).split(/[^\p{L}\p{N}]+/u).filter((word) => [...word].length >= MIN_MEMORY_WORD);
  // The last word may still be being typed, so it matches word starts; the others match whole
  // words (a prefix query merges every word it starts, several times the cost of one word).
  const memoryQuery = words.length === 0 ? null : words.map((word, index) => `"${word}"${index === words.length - 1 ? '*' : ''}`).join(' ');
  let memoryCount = memoryQuery === null ? 0 : search.memoryCount(memoryQuery);
  let memoryPage = (pageLimit: number, pageOffset: number) => (memoryQuery === null ? [] : search.memoryPage(memoryQuery, pageLimit, pageOffset));
  if (memoryQuery !== null && memoryCount > 0 && prefixCount + containsCount > 0) {
    // Found by handle already: listed once, with the handle matches.
    const byHandle = new Set(phrase === null ? search.prefixDocIds(prefix) : search.containsDocIds(phrase));
    const memoryOnly = search.memoryMatches(memoryQuery).filter((match) => !byHandle.has(match.docId));
    memoryCount = memoryOnly.length;
    memoryPage = (pageLimit, pageOffset) => memoryOnly.slice(pageOffset, pageOffset + pageLimit).map((match) => match.supporterId);
  }

  const ids: string[] = [];
  let skip = offset;
  const take = (count: number, read: (limit: number, offset: number) => string[]) => {
    const wanted = limit - ids.length;
    if (wanted > 0 && skip < count) ids.push(...read(Math.min(wanted, count - skip), skip));
    skip = Math.max(0, skip - count);
  };
  take(prefixCount, (pageLimit, pageOffset) => search.prefixPage(prefix, pageLimit, pageOffset));
  if (phrase !== null) take(containsCount, (pageLimit, pageOffset) => search.containsPage(phrase, prefix, pageLimit, pageOffset));
  const foundByHandle = ids.length;
  take(memoryCount, memoryPage);

  const byHandle = new Set(ids.slice(0, foundByHandle));
  const entries = entriesFor(services, ids, now);
  const matches = entries.map(({ supporterId }): SearchMatch =>
    byHandle.has(supporterId) ? { supporterId, matchedIn: 'handle', tag: null } : describeMemoryMatch(supporterId, words, services.stores.tags.labelsOf(supporterId)),
  );
  return { total: prefixCount + containsCount + memoryCount, entries, matches };
}

function entriesFor(services: Pick<CoreServices, 'stores' | 'segmentation'>, supporterIds: string[], now: number): InboxEntry[] {
  if (supporterIds.length === 0) return [];
  services.segmentation.ensureCurrent(now);
  const context = inboxEntryContext(services.stores, supporterIds, now);
  return services.stores.inbox.rows(supporterIds).map((row) => buildInboxEntry(row, context));
}
