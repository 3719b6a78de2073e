/**
 * Pure paging arithmetic for the virtualized inbox: which pages of ≤ 100 rows the visible range
 * needs, which cached pages to forget, and how long the list really is.
 */

/** Page indexes covering rows `first..last` (inclusive), clamped to the list. */
export function pagesForRange(first: number, last: number, pageSize: number, rowCount: number): number[] {
  if (rowCount <= 0 || last < first) return [];
  const from = Math.max(0, Math.floor(Math.max(0, first) / pageSize));
  const to = Math.floor(Math.min(rowCount - 1, Math.max(0, last)) / pageSize);
  const pages: number[] = [];
  for (let page = from; page <= to; page += 1) pages.push(page);
  return pages;
}

/**
 * Cached pages to drop when more than `max` are held: the ones farthest from the page the creator
 * is looking at, so scrolling back a little never refetches.
 */
export function pagesToEvict(cached: readonly number[], centerPage: number, max: number): number[] {
  if (cached.length <= max) return [];
  return [...cached]
    .sort((a, b) => Math.abs(b - centerPage) - Math.abs(a - centerPage) || b - a)
    .slice(0, cached.length - max);
}

/**
 * How many rows the list has. Usually the API's `total`, but a tab may list fewer rows than it
 * counts (the VIP tab shows the top `vipTabSize` while `total` counts every VIP), which shows up
 * as a short page before the end.
 */
export function listLengthAfterPage(total: number, offset: number, requested: number, received: number): number {
  if (received < requested && offset + received < total) return offset + received;
  return total;
}
