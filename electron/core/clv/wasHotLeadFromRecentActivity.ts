import { blankRollupActivity, copyRawActivity } from '../engine/rollup/copyRawActivity';
import { SupporterRollupBuilder } from '../engine/rollup/supporterRollupBuilder';
import { scoreSupporter } from '../engine/score/scoreSupporter';
import { summarizeRollup } from '../engine/score/summarizeRollup';
import { DAY_MS } from '../time/timeUnits';

/** How far back the recent rows must reach: 7 days of everything, and matches of the 7 days before. */
export const RECENT_WINDOW_MS = 7 * DAY_MS;
export const RECENT_MATCH_WINDOW_MS = 14 * DAY_MS;

/** More lifetime gifts than the gifting signal can count (it is capped at 100, 2 per lifetime gift). */
const GIFTS_BEYOND_THE_CAP = 1_000_000;

/**
 * Whether a supporter was a Hot Lead at `at` by the engine's own rollup and scorer, from only their
 * recent rows: every activity in (at − 7 d, at] and the matches in (at − 14 d, at − 7 d]. Called only for
 * a supporter who had not reached the VIP threshold by `at` (the caller knows from their purchases).
 *
 * Of what decides the segment then (SPEC §3–4), those rows give exactly: every 7-day count, the
 * recent-match signal (a match older than 14 days scores 0), the last activity when it lies in the
 * last 7 days (when it does not, the supporter is dormant or cold either way, never a Hot Lead),
 * and whether they were online when a presence record lies in the 7 days. Two things can lie
 * further back: the lifetime gift count, of which the rows give a lower bound (the week's gifts),
 * and an older presence record. The conversion probability only grows with either, so the
 * supporter is scored twice, with the least and the most they can be — the answer is known when
 * both agree. When they do not, it returns null and the caller reads the whole history.
 */
export function wasHotLeadFromRecentActivity(
  supporterId: string,
  recentRows: Iterable<readonly unknown[]>,
  fanClubActive: boolean,
  at: number,
): boolean | null {
  const builder = new SupporterRollupBuilder(supporterId);
  const activity = blankRollupActivity();
  for (const row of recentRows) builder.add(copyRawActivity(activity, row, 0));
  const rollup = builder.finish();
  const summary = summarizeRollup(rollup, at);
  const onlineKnown = rollup.presenceAt !== null;
  const least = scoreSupporter({ ...summary, online: onlineKnown && summary.online }, fanClubActive, at).segment === 'hot_lead';
  const most = scoreSupporter({ ...summary, online: !onlineKnown || summary.online, giftsLifetime: GIFTS_BEYOND_THE_CAP }, fanClubActive, at).segment === 'hot_lead';
  return least === most ? least : null;
}
