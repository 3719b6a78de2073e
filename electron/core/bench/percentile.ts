/**
 * The p-th percentile of a list of samples by nearest rank: the smallest sample with at least p % of
 * the samples at or below it, so every figure reported is one that was measured. 0 for no samples.
 * The one percentile of the project: `crm bench`, its measurements and the browser performance test.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/** The median by nearest rank (the lower middle sample of an even count). */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}
