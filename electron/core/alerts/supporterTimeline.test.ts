import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActivityType } from '../../../shared/domain/activityTypes';
import { DAY_MS, HOUR_MS } from '../engine/engineTime';
import { scoreSupporter } from '../engine/score/scoreSupporter';
import { summarizeActivities } from '../engine/score/summarizeActivities';
import { isSpendingSpike } from './alertRules';
import { EMPTY_TIMELINE_BASE, SupporterTimeline, TIMELINE_DETAIL_SPAN_MS, type TimelineBase, type TimelineRow } from './supporterTimeline';

const START = Date.parse('2025-09-01T00:00:00Z');
const TYPES: ActivityType[] = ['chat_message', 'creator_message', 'gift', 'live_attendance', 'live_gift', 'ppv_purchase', 'profile_view', 'like', 'match', 'presence'];

const rowArbitrary = fc.record({
  type: fc.constantFrom(...TYPES),
  offset: fc.integer({ min: 0, max: 120 * 24 }).map((hours) => hours * HOUR_MS),
  tokens: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 })),
  minutes: fc.integer({ min: 0, max: 180 }),
  online: fc.boolean(),
});

type GeneratedRow = { type: ActivityType; offset: number; tokens: number; minutes: number; online: boolean };

function toRows(generated: GeneratedRow[]): TimelineRow[] {
  return generated
    .map((row, index) => ({
      id: `a${String(index).padStart(4, '0')}`,
      type: row.type,
      at: START + row.offset,
      tokens: row.type === 'presence' || row.type === 'creator_message' ? 0 : row.tokens,
      minutes: row.type === 'live_attendance' ? row.minutes : null,
      online: row.type === 'presence' ? row.online : null,
      listingId: null,
    }))
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

describe('supporter timeline (segment as it stood before a record)', () => {
  it('agrees with the engine scoring the records that came before, at that record’s time', () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary, { minLength: 1, maxLength: 60 }), fc.boolean(), (generated, fanClubActive) => {
        const rows = toRows(generated);
        const timeline = new SupporterTimeline(EMPTY_TIMELINE_BASE, rows, fanClubActive);
        rows.forEach((row, index) => {
          const earlier = rows.slice(0, index);
          const summary = summarizeActivities('s', earlier, row.at);
          const engine = scoreSupporter(summary, fanClubActive, row.at);
          const moment = timeline.before(index);
          expect(moment.segment).toBe(engine.segment);
          expect(moment.conversionProbability).toBe(engine.conversionProbability);
          expect(moment.lifetimeTokens).toBe(summary.lifetimeTokens);
          expect(moment.lastActivityAt).toBe(summary.lastActivityAt);
          expect(moment.online).toBe(summary.online);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same answers when the oldest rows are folded into base aggregates', () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary, { minLength: 2, maxLength: 60 }), (generated) => {
        const rows = toRows(generated);
        const judged = rows.length - 1;
        const from = (rows[judged] as TimelineRow).at - TIMELINE_DETAIL_SPAN_MS;
        const older = rows.filter((row) => row.at < from);
        const recent = rows.filter((row) => row.at >= from);
        const lastPresence = older.filter((row) => row.type === 'presence').at(-1);
        const base: TimelineBase = {
          spendTokens: older.reduce((sum, row) => sum + (row.type === 'presence' || row.type === 'creator_message' ? 0 : row.tokens), 0),
          gifts: older.filter((row) => row.type === 'gift' || row.type === 'live_gift').length,
          firstPurchaseAt: older.find((row) => row.tokens > 0)?.at ?? null,
          lastInitiatedAt:
            older.filter((row) => row.type !== 'creator_message' && (row.type !== 'presence' || row.online === true)).at(-1)?.at ?? null,
          lastMatchAt: older.filter((row) => row.type === 'match').at(-1)?.at ?? null,
          online: lastPresence ? lastPresence.online === true : null,
        };
        const full = new SupporterTimeline(EMPTY_TIMELINE_BASE, rows, false);
        const folded = new SupporterTimeline(base, recent, false);
        expect(folded.before(recent.length - 1)).toEqual(full.before(judged));
        expect(folded.after(recent.length - 1)).toEqual(full.after(judged));
        const at = (rows[judged] as TimelineRow).at;
        expect(isSpendingSpike(folded, at, recent.length)).toEqual(isSpendingSpike(full, at, rows.length));
      }),
      { numRuns: 150 },
    );
  });

  it('reads spend windows as half-open intervals (from, to]', () => {
    const rows = toRows([
      { type: 'gift', offset: 0, tokens: 10, minutes: 0, online: false },
      { type: 'gift', offset: DAY_MS, tokens: 20, minutes: 0, online: false },
      { type: 'creator_message', offset: DAY_MS, tokens: 0, minutes: 0, online: false },
    ]);
    const timeline = new SupporterTimeline(EMPTY_TIMELINE_BASE, rows, false);
    expect(timeline.spendBetween(START, START + DAY_MS, rows.length)).toBe(20);
    expect(timeline.spendBetween(START - 1, START + DAY_MS, rows.length)).toBe(30);
    expect(timeline.lifetimeTokens(1)).toBe(10);
  });
});
