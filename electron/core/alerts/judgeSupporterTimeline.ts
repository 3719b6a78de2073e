import { alertCandidatesForRecord, type AlertCandidate, type ListingFacts } from './alertRules';
import type { LastAlertTimes } from './alertJudgingState';
import type { SupporterTimeline } from './supporterTimeline';

/** An alert the records raise, with the supporter's conversion probability right after its trigger (its metadata). */
export interface JudgedAlert {
  candidate: AlertCandidate;
  conversionProbability: number;
}

/**
 * Judges the timeline's rows from `fromIndex` on, in (`at`, `id`) order, each on the supporter as
 * they stood just before it (SPEC §8), and applies the cooldown as one ordered pass does: a
 * candidate is held back when the latest alert of its type kept before it is less than
 * `cooldownMs` older. `lastAlertAt` holds the cooldown's clock from before `fromIndex` and is moved
 * on by every alert kept, so the caller can store it for the next judging.
 */
export function judgeSupporterTimeline(
  supporterId: string,
  timeline: SupporterTimeline,
  fromIndex: number,
  cooldownMs: number,
  lastAlertAt: LastAlertTimes,
  listingFacts: (listingId: string) => ListingFacts | null,
): JudgedAlert[] {
  const judged: JudgedAlert[] = [];
  for (let index = fromIndex; index < timeline.rows.length; index += 1) {
    const candidates = alertCandidatesForRecord(supporterId, timeline, index, listingFacts);
    if (candidates.length === 0) continue;
    let conversionProbability: number | undefined;
    for (const candidate of candidates) {
      const previous = lastAlertAt[candidate.type];
      if (cooldownMs > 0 && previous !== undefined && candidate.createdAt - previous < cooldownMs) continue;
      lastAlertAt[candidate.type] = candidate.createdAt;
      conversionProbability ??= timeline.after(index).conversionProbability;
      judged.push({ candidate, conversionProbability });
    }
  }
  return judged;
}
