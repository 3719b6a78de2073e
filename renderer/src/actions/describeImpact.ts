import type { ExpectedImpact } from '../../../shared/contract/apiTypes';
import { formatEstimatedTokens } from '../app/formatters';

/** "Expected: 72% chance, ≈ 140 tokens within 24 hours." — the one-line impact shown after an action. */
export function describeImpact(impact: ExpectedImpact): string {
  return `Expected: ${impact.conversionProbability}% chance, ${formatEstimatedTokens(impact.estimatedTokens)} ${describeWindow(impact.timeWindow)}.`;
}

/**
 * The core sends a duration ("24 hours", "7 days", or compact "24h") or a phrase ("until the stream
 * ends", "while online, at most 2 hours"); durations read as "within …", phrases as they are.
 */
export function describeWindow(timeWindow: string): string {
  const text = timeWindow.trim();
  const match = /^(\d+)\s*(h|d|m)$/i.exec(text);
  if (!match) return /^\d/.test(text) ? `within ${text}` : text;
  const amount = Number(match[1]);
  const unit = (match[2] ?? 'h').toLowerCase();
  const word = unit === 'h' ? 'hour' : unit === 'd' ? 'day' : 'minute';
  return `within ${amount} ${amount === 1 ? word : `${word}s`}`;
}
