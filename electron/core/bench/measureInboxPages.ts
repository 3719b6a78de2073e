import type { InboxPage } from '../../../shared/domain/inboxEntry';
import { SeededRandom } from '../demo/seededRandom';
import { percentile } from './percentile';

export interface InboxPageFigures {
  /** p95 of a page of 50 through the API contract, at offsets spread over the whole tab. */
  p95Ms: number;
  /**
   * p95 of the tab's first page asked for again and again, apart from `p95Ms`: what a creator waits
   * for on opening the tab (issue 17's goal for the Now queue).
   */
  firstPageP95Ms: number;
  /** The median of the requests for the tab's last page (the deepest offset). */
  lastPageMs: number;
  /** Supporters in the tab, and the offset of its last page. */
  total: number;
  lastPageOffset: number;
  /** The slowest request, and its offset (what decides a p95 that misses). */
  slowest: { ms: number; offset: number };
}

const PAGE = 50;

/**
 * One tab's pages as the console asks for them (`inbox.page`, limit 50), timed through the API
 * contract (validation, the engine's catch-up check, the store's reads). The offsets are spread
 * evenly over the whole tab, its last page included and asked for several times, and shuffled, so
 * a page that costs more the deeper it is (an OFFSET walks the index from the start) shows in the
 * p95 as it would for a creator scrolling to the end.
 */
export async function measureInboxPages(
  tab: string,
  options: { requests: number; firstPageRequests: number; seed: number; call: (name: 'inbox.page', input: unknown) => Promise<unknown> },
): Promise<InboxPageFigures> {
  const first = (await options.call('inbox.page', { tab, limit: PAGE })) as InboxPage;
  const total = first.total;
  const lastPageOffset = total === 0 ? 0 : Math.floor((total - 1) / PAGE) * PAGE;
  const offsets = spreadOffsets(lastPageOffset, options.requests);
  shuffle(offsets, new SeededRandom(options.seed));
  const samples: number[] = [];
  const lastPage: number[] = [];
  let slowest = { ms: 0, offset: 0 };
  for (const offset of offsets) {
    const started = performance.now();
    await options.call('inbox.page', { tab, limit: PAGE, offset });
    const elapsed = performance.now() - started;
    samples.push(elapsed);
    if (offset === lastPageOffset) lastPage.push(elapsed);
    if (elapsed > slowest.ms) slowest = { ms: round(elapsed), offset };
  }
  const firstPage: number[] = [];
  for (let request = 0; request < options.firstPageRequests; request += 1) {
    const started = performance.now();
    await options.call('inbox.page', { tab, limit: PAGE });
    firstPage.push(performance.now() - started);
  }
  return { p95Ms: round(percentile(samples, 95)), firstPageP95Ms: round(percentile(firstPage, 95)), lastPageMs: round(percentile(lastPage, 50)), total, lastPageOffset, slowest };
}

/** `count` offsets from 0 to the last page's, evenly spread on page boundaries, with the last page a tenth of them. */
function spreadOffsets(lastPageOffset: number, count: number): number[] {
  const lastPageRepeats = Math.max(1, Math.round(count / 10));
  const spread = count - lastPageRepeats;
  const offsets: number[] = [];
  for (let index = 0; index < spread; index += 1) {
    const at = spread === 1 ? 0 : (lastPageOffset * index) / (spread - 1);
    offsets.push(Math.round(at / PAGE) * PAGE);
  }
  for (let index = 0; index < lastPageRepeats; index += 1) offsets.push(lastPageOffset);
  return offsets;
}

function shuffle(values: number[], random: SeededRandom): void {
  for (let index = values.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    [values[index], values[other]] = [values[other] ?? 0, values[index] ?? 0];
  }
}

function round(value: number): number {
  return Number(value.toFixed(2));
}
