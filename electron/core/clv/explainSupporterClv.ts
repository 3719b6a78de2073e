import type { SupporterClv } from '../../../shared/domain/supporterProfile';
import { DAY_MS } from '../time/timeUnits';
import type { StoredSupporterClv } from '../store/clvStore';

export interface ExplainSupporterClvInput {
  /** Their figures at the fit; null when they had no purchase by then. */
  stored: StoredSupporterClv | null;
  /** Their latest purchase at or before `now`, from live data (may be newer than the fit). */
  lastPurchaseAt: number | null;
  fittedAt: number;
  now: number;
}

/**
 * A supporter's model figures with a short plain-language sentence, e.g. "Based on 7 purchase
 * days, the last 3 days ago, there is an 82% chance they are still an active buyer; expect about
 * 2.1 purchases (~140 tokens) in the next 30 days." When they bought again after the fit, the
 * sentence says the figures are from before that purchase instead of pretending otherwise.
 */
export function explainSupporterClv({ stored, lastPurchaseAt, fittedAt, now }: ExplainSupporterClvInput): SupporterClv {
  const fitted = new Date(fittedAt).toISOString();
  const boughtSinceFit = lastPurchaseAt !== null && lastPurchaseAt > (stored?.lastPurchaseAt ?? Number.NEGATIVE_INFINITY);
  const since = boughtSinceFit ? ` They have bought since the model was last updated (${dayLabel(fittedAt)}); the next daily update takes that into account.` : '';

  if (stored === null) {
    const explanation = boughtSinceFit
      ? `Their first purchase came after the model was last updated (${dayLabel(fittedAt)}); a forecast needs at least two purchase days.`
      : 'No purchases yet, so there is nothing to forecast.';
    return { notEnoughData: true, explanation, fittedAt: fitted };
  }
  const ago = agoPhrase(now - stored.lastPurchaseAt);
  if (stored.chanceActive === null || stored.expectedPurchases30d === null || stored.expectedTokens30d === null) {
    const only = stored.purchaseDays === 1 ? `Only one purchase day so far (${ago})` : `Only ${count(stored.purchaseDays, 'purchase day')} so far`;
    return {
      notEnoughData: true,
      explanation: `${only}: a forecast needs at least two purchase days to tell a regular buyer from a one-off.` + since,
      fittedAt: fitted,
    };
  }
  const history = `${count(stored.purchaseDays, 'purchase day')}, the last ${ago === 'today' || ago === 'yesterday' ? `one ${ago}` : ago}`;
  const percent = Math.round(stored.chanceActive * 100);
  const purchases = Math.round(stored.expectedPurchases30d * 10) / 10;
  const tokens = Math.round(stored.expectedTokens30d);
  return {
    chanceActive: stored.chanceActive,
    expectedPurchases30d: stored.expectedPurchases30d,
    expectedTokens30d: stored.expectedTokens30d,
    explanation:
      `Based on ${history}, there is ${article(percent)} ${percent}% chance they are still an active buyer; ` +
      `expect about ${purchases.toFixed(1)} ${purchases === 1 ? 'purchase' : 'purchases'} (~${tokens.toLocaleString('en-US')} tokens) in the next 30 days.` +
      since,
    fittedAt: fitted,
  };
}

function count(n: number, noun: string): string {
  return n === 1 ? `1 ${noun}` : `${n.toLocaleString('en-US')} ${noun}s`;
}

function agoPhrase(ms: number): string {
  const days = Math.max(0, Math.floor(ms / DAY_MS));
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/** "an 82% chance", "a 64% chance", "an 8% chance", "an 11% chance", "an 18% chance". */
function article(percent: number): 'a' | 'an' {
  return percent === 8 || percent === 11 || percent === 18 || (percent >= 80 && percent <= 89) ? 'an' : 'a';
}

function dayLabel(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
