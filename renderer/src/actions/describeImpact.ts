import type { ExpectedImpact } from '../../../shared/contract/apiTypes';
import { formatTokenAmount } from '../app/formatters';

/** "Expected: 72% chance, about 140 tokens within 24 h." — the one-line impact shown after an action. */
export function describeImpact(impact: ExpectedImpact): string {
  return `Expected: ${impact.conversionProbability}% chance, about ${formatTokenAmount(impact.estimatedTokens)} ${describeWindow(impact.timeWindow)}.`;
}

/** The core sends windows such as "24h", "7d" or a free text ("until the stream ends"). */
export function describeWindow(timeWindow: string): string {
  const match = /^(\d+)\s*(h|d|m)$/i.exec(timeWindow.trim());
  if (!match) return timeWindow.startsWith('until') || timeWindow.startsWith('within') ? timeWindow : `within ${timeWindow}`;
  const amount = Number(match[1]);
  const unit = (match[2] ?? 'h').toLowerCase();
  const word = unit === 'h' ? 'hour' : unit === 'd' ? 'day' : 'minute';
  return `within ${amount} ${amount === 1 ? word : `${word}s`}`;
}
