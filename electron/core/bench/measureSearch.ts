import { randomUUID } from 'node:crypto';
import { createRequestHandlers } from '../api/createRequestHandlers';
import { invokeRequest } from '../api/invokeRequest';
import type { CoreServices } from '../createCoreServices';
import { SeededRandom } from '../demo/seededRandom';
import { normaliseTag } from '../memory/normaliseTag';
import { generateBenchNote, NOTE_WORDS, pickWord } from './generateBenchNotes';
import { median, percentile } from './percentile';

export interface SearchBenchmarkOptions {
  /** The workspace's supporters (all of them, or a sample the notes and tags go to). */
  supporterIds: readonly string[];
  /** Notes to add before measuring (issue 20: 50,000 at 100,000 supporters). */
  notes: number;
  /** Share of supporters given one to three tags. */
  taggedShare?: number;
  queries?: number;
  seed: number;
  log?: (message: string) => void;
}

export type SearchQueryKind = 'handle_part' | 'handle' | 'handle_start' | 'note_word' | 'note_words' | 'tag' | 'miss';

export interface SearchBenchmarkResult {
  /** What `crm bench` reports as `searchP95Ms`: p95 of `search.supporters` through the API contract. */
  searchP95Ms: number;
  searchMedianMs: number;
  /** p95 per kind of query, to see which kind decides the figure. */
  p95ByKind: Record<SearchQueryKind, number>;
  /**
   * A page of the All tab (limit 50) through the same API, timed between the searches: the same
   * machine load hits both, so the ratio says what the search costs, whatever else runs.
   */
  inboxAllP95Ms: number;
  supporters: number;
  notes: number;
  taggedSupporters: number;
  queries: number;
}

const TAGS = [
  'Big spender', 'Birthday club', 'Night owl', 'Gamer', 'Cosplay', 'Regular', 'Returning', 'Shy', 'Music lover', 'Live fan',
  'PPV buyer', 'Fan club', 'Weekend', 'Early bird', 'Needs care', 'Café crew', 'Über fan', 'VIP-candidate', 'Polls', 'Quiz team',
];

/** How often each kind of query is asked: mostly handles and note words, as a creator searches. */
const QUERY_MIX: readonly (readonly [SearchQueryKind, number])[] = [
  ['handle_part', 35],
  ['handle', 10],
  ['handle_start', 5],
  ['note_word', 30],
  ['note_words', 10],
  ['tag', 5],
  ['miss', 5],
];

const ROUND = (value: number) => Number(value.toFixed(2));

/**
 * Search at creator scale (issue 20: ≤ 20 ms p95 at 100,000 supporters with 50,000 notes). Adds
 * seeded notes and tags to an existing workspace in one transaction (through the stores, so the
 * search indexes' triggers do their real work), then times `search.supporters` through the API
 * contract — validation, search, entries — for a seeded mix of queries. Wired into `crm bench`
 * by the caller; the workspace keeps the notes afterwards.
 */
export async function measureSearch(services: CoreServices, options: SearchBenchmarkOptions): Promise<SearchBenchmarkResult> {
  const { core } = services;
  const log = options.log ?? (() => undefined);
  const random = new SeededRandom(options.seed);
  const { supporterIds } = options;
  if (supporterIds.length === 0) throw new Error('measureSearch needs supporters');
  const now = core.clock();

  log(`adding ${options.notes} notes and tags to ${options.taggedShare ?? 0.3} of ${supporterIds.length} supporters…`);
  let tagged = 0;
  core.transaction(() => {
    for (let note = 0; note < options.notes; note += 1) {
      core.stores.notes.insert({ id: randomUUID(), supporterId: random.pick(supporterIds), text: generateBenchNote(random), at: now - random.int(0, 400) * 86_400_000 });
    }
    for (const supporterId of supporterIds) {
      if (!random.chance(options.taggedShare ?? 0.3)) continue;
      tagged += 1;
      for (let count = random.int(1, 3); count > 0; count -= 1) {
        const tag = normaliseTag(random.pick(TAGS));
        if (tag.ok) core.stores.tags.assign(supporterId, tag.key, tag.label, now);
      }
    }
    core.stores.memorySearch.refresh();
  });

  const handles = Array.from({ length: 500 }, () => core.stores.engineInput.supporter(random.pick(supporterIds))?.handle ?? '').filter((handle) => handle !== '');
  const queries = Array.from({ length: options.queries ?? 400 }, () => {
    const kind = random.weighted(QUERY_MIX);
    return { kind, text: queryText(kind, random, handles) };
  });

  const handlers = createRequestHandlers();
  const search = async (text: string) => {
    const result = await invokeRequest(services, handlers, 'search.supporters', { text, limit: 50 });
    if (!result.ok) throw new Error(`search.supporters: ${result.error.message}`);
  };
  log(`timing ${queries.length} searches (after 20 to warm up)…`);
  for (const { text } of queries.slice(0, 20)) await search(text);
  const samples: number[] = [];
  const inboxSamples: number[] = [];
  const byKind = new Map<SearchQueryKind, number[]>();
  for (const { kind, text } of queries) {
    let started = performance.now();
    await search(text);
    const elapsed = performance.now() - started;
    samples.push(elapsed);
    byKind.set(kind, [...(byKind.get(kind) ?? []), elapsed]);
    started = performance.now();
    const inbox = await invokeRequest(services, handlers, 'inbox.page', { tab: 'all', limit: 50, offset: random.int(0, 5_000) });
    if (!inbox.ok) throw new Error(`inbox.page: ${inbox.error.message}`);
    inboxSamples.push(performance.now() - started);
  }
  const p95ByKind = Object.fromEntries(QUERY_MIX.map(([kind]) => [kind, ROUND(percentile(byKind.get(kind) ?? [], 95))])) as Record<SearchQueryKind, number>;
  return {
    searchP95Ms: ROUND(percentile(samples, 95)),
    searchMedianMs: ROUND(median(samples)),
    p95ByKind,
    inboxAllP95Ms: ROUND(percentile(inboxSamples, 95)),
    supporters: supporterIds.length,
    notes: options.notes,
    taggedSupporters: tagged,
    queries: queries.length,
  };
}

function queryText(kind: SearchQueryKind, random: SeededRandom, handles: readonly string[]): string {
  const handle = random.pick(handles);
  switch (kind) {
    case 'handle_part': {
      const length = Math.min(handle.length, random.int(3, 8));
      const start = random.int(0, handle.length - length);
      return handle.slice(start, start + length);
    }
    case 'handle':
      return handle;
    case 'handle_start':
      return handle.slice(0, random.int(1, 2));
    case 'note_word':
      return pickWord(random);
    case 'note_words':
      return `${pickWord(random)} ${pickWord(random)}`;
    case 'tag': {
      const tag = random.pick(TAGS);
      return random.chance(0.5) ? tag : tag.slice(0, random.int(3, tag.length));
    }
    case 'miss':
      return `${random.pick(NOTE_WORDS)}zq${random.int(10, 99)}`;
  }
}
