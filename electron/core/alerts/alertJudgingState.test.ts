import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActivityType } from '../../../shared/domain/activityTypes';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../engine/engineTime';
import { alertCandidatesForRecord, isSpendingSpike } from './alertRules';
import { isAfterFrontier, judgingStateAfter, timelineFromState } from './alertJudgingState';
import { decodeJudgingState, encodeJudgingState } from './alertJudgingStateBlob';
import { byTimeThenId } from './loadSupporterTimeline';
import { EMPTY_TIMELINE_BASE, SupporterTimeline, type TimelineRow } from './supporterTimeline';

const START = Date.parse('2025-09-01T00:00:00Z');
const TYPES: ActivityType[] = ['chat_message', 'creator_message', 'gift', 'live_attendance', 'live_gift', 'ppv_purchase', 'fan_club_payment', 'profile_view', 'like', 'match', 'presence', 'event_registration'];

const rowArbitrary = fc.record({
  type: fc.constantFrom(...TYPES),
  // Hours over 100 days, a few records per hour on busy stretches: windows of 7 and 31 days cut through them.
  offset: fc.oneof(fc.integer({ min: 0, max: 100 * 24 }).map((hours) => hours * HOUR_MS), fc.integer({ min: 0, max: 2000 }).map((minutes) => 90 * DAY_MS + minutes * MINUTE_MS)),
  tokens: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 900 })),
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
      listingId: row.type === 'event_registration' ? 'l1' : null,
    }))
    .sort(byTimeThenId);
}

const listing = () => ({ title: 'Meet', startsAt: START + 200 * DAY_MS });

describe('alert judging state (the live case judged without reading history)', () => {
  it('judges every later record as the whole timeline does, after a round trip through its blob', () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary, { minLength: 2, maxLength: 80 }), fc.nat(), fc.boolean(), fc.option(fc.integer({ min: 0, max: 200 * DAY_MS }), { nil: null }), (generated, cut, fanClubActive, openVip) => {
        const rows = toRows(generated);
        const split = 1 + (cut % (rows.length - 1));
        const judged = new SupporterTimeline(EMPTY_TIMELINE_BASE, rows.slice(0, split), fanClubActive);
        const state = judgingStateAfter(judged, { hot_lead_active: START, milestone_reached: START + DAY_MS }, openVip);
        if (state === null) throw new Error('a timeline with rows has a state');
        const stored = decodeJudgingState('s', state.frontierAt, state.frontierId, encodeJudgingState(state));
        expect(stored).toEqual(state);
        const later = rows.slice(split);
        expect(later.every((row) => isAfterFrontier(stored, row.at, row.id))).toBe(true);

        const full = new SupporterTimeline(EMPTY_TIMELINE_BASE, rows, fanClubActive);
        const live = timelineFromState(stored, later, fanClubActive);
        const offset = stored.rows.length - split;
        for (let index = split; index < rows.length; index += 1) {
          const at = (rows[index] as TimelineRow).at;
          expect(live.before(index + offset)).toEqual(full.before(index));
          expect(live.after(index + offset)).toEqual(full.after(index));
          expect(live.lifetimeTokens(index + offset)).toBe(full.lifetimeTokens(index));
          expect(isSpendingSpike(live, at, index + offset)).toEqual(isSpendingSpike(full, at, index));
          expect(live.presenceAfter(index + offset)).toBe(full.presenceAfter(index));
          expect(alertCandidatesForRecord('s', live, index + offset, listing)).toEqual(alertCandidatesForRecord('s', full, index, listing));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps only what later windows read: 7 days of counted records, 32 days of spend', () => {
    const at = START + 60 * DAY_MS;
    const rows: TimelineRow[] = [
      { id: 'a', type: 'gift', at: at - 40 * DAY_MS, tokens: 50, minutes: null, online: null, listingId: null },
      { id: 'b', type: 'chat_message', at: at - 10 * DAY_MS, tokens: 0, minutes: null, online: null, listingId: null },
      { id: 'c', type: 'gift', at: at - 10 * DAY_MS, tokens: 30, minutes: null, online: null, listingId: null },
      { id: 'd', type: 'presence', at: at - 2 * DAY_MS, tokens: 0, minutes: null, online: true, listingId: null },
      { id: 'e', type: 'live_attendance', at: at - DAY_MS, tokens: 0, minutes: 42, online: null, listingId: null },
      { id: 'f', type: 'creator_message', at, tokens: 0, minutes: null, online: null, listingId: null },
    ];
    const state = judgingStateAfter(new SupporterTimeline(EMPTY_TIMELINE_BASE, rows, false), {}, null);
    expect(state?.frontierId).toBe('f');
    expect(state?.base).toEqual({ spendTokens: 50, gifts: 2, firstPurchaseAt: at - 40 * DAY_MS, lastInitiatedAt: at - DAY_MS, lastMatchAt: null, online: true });
    // The old gift's tokens still count towards 31-day spend, as a plain purchase; the old chat is gone.
    expect(state?.rows.map((row) => [row.type, row.tokens, row.minutes])).toEqual([
      ['ppv_purchase', 30, null],
      ['live_attendance', 0, 42],
    ]);
  });

  it('refuses a damaged blob with the supporter named, so the caller rebuilds it', () => {
    const state = judgingStateAfter(new SupporterTimeline(EMPTY_TIMELINE_BASE, toRows([{ type: 'gift', offset: 0, tokens: 5, minutes: 0, online: false }]), false), {}, null);
    if (state === null) throw new Error('expected a state');
    const blob = encodeJudgingState(state);
    expect(() => decodeJudgingState('s-9', 0, 'x', blob.subarray(0, 24))).toThrow(/alert judging state of s-9 is damaged \(24 bytes\)/);
    const wrongFormat = Buffer.from(blob);
    wrongFormat.writeDoubleLE(2, 0);
    expect(() => decodeJudgingState('s-9', 0, 'x', wrongFormat)).toThrow(/damaged/);
    const unknownKind = Buffer.concat([blob, Buffer.from(new Float64Array([START * 16 + 14, 1]).buffer)]);
    expect(() => decodeJudgingState('s-9', 0, 'x', unknownKind)).toThrow(/damaged/);
  });
});
