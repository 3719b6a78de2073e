import type { SupporterSummary } from './summariseSupporterPurchases';

/**
 * Supporters' summaries in columns, index i being one supporter (ids kept apart by the caller):
 * what the supporter fits read. A refit holds one of these per moment for every supporter with a
 * purchase, for seconds; as typed arrays that is 40 bytes a supporter outside the JS heap, where
 * an object each (about 240 bytes) outlived the young generation and piled up as old garbage.
 */
export interface SupporterSummaryColumns {
  readonly length: number;
  /** Distinct purchase days on or before the summary time (x + 1, or 0 if none). */
  readonly purchaseDayCount: Float64Array;
  readonly x: Float64Array;
  readonly t_x: Float64Array;
  readonly T: Float64Array;
  readonly m_x: Float64Array;
}

/** Summaries given one object each, in columns (the same numbers, in the same order). */
export function supporterSummaryColumns(summaries: readonly SupporterSummary[]): SupporterSummaryColumns {
  return {
    length: summaries.length,
    purchaseDayCount: Float64Array.from(summaries, (s) => s.purchaseDayCount),
    x: Float64Array.from(summaries, (s) => s.x),
    t_x: Float64Array.from(summaries, (s) => s.t_x),
    T: Float64Array.from(summaries, (s) => s.T),
    m_x: Float64Array.from(summaries, (s) => s.m_x),
  };
}
