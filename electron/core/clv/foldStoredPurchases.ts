import type { PurchaseRow } from '../store/clvStore';
import { type FoldedPurchases, type PurchaseFoldMoments, SupporterPurchaseFolder } from './supporterPurchaseFolder';

/** Purchases read per slice: small enough that a refit in slices lets requests in between often. */
export const PURCHASE_SLICE_ROWS = 50_000;

/** Where the purchases come from (`ClvStore`): by supporter, each one's by time. */
export interface StoredPurchaseSource {
  purchasesAfter(afterSupporterId: string, now: number, upToSeq: number, limit: number): PurchaseRow[];
  purchasesOf(supporterId: string, now: number, upToSeq: number): PurchaseRow[];
  maxActivitySeq(): number;
}

/**
 * Every supporter's purchases up to `moments.now`, folded for a refit (`SupporterPurchaseFolder`),
 * read from the purchase index in slices of `sliceRows` rows; each `yield` is a point between
 * slices where another request may run. The index already gives them by supporter and time, so
 * nothing is held but the slice being folded. A slice that ends in the middle of a supporter's
 * purchases leaves that supporter to the next slice; one supporter with more than a slice of
 * purchases is read on their own. Only activities known when the refit starts count (change
 * sequence up to the highest one then): a batch applied between slices is left to the next refit.
 *
 * Supporters come in the index's order: by id as SQLite compares text (bytes of UTF-8), which is
 * the order of JavaScript's `<` for every id without characters beyond U+FFFF.
 */
export function* foldStoredPurchases(
  source: StoredPurchaseSource,
  moments: PurchaseFoldMoments,
  localDayOf: (at: number) => number,
  sliceRows = PURCHASE_SLICE_ROWS,
): Generator<void, FoldedPurchases, void> {
  const folder = new SupporterPurchaseFolder(moments, localDayOf);
  const upToSeq = source.maxActivitySeq();
  let after = '';
  for (;;) {
    const rows = source.purchasesAfter(after, moments.now, upToSeq, sliceRows);
    if (rows.length < sliceRows) {
      for (const [supporterId, at, tokens] of rows) folder.add(supporterId, at, tokens);
      return folder.finish();
    }
    const lastSupporter = rows[rows.length - 1]?.[0] ?? '';
    let whole = rows.length;
    while (whole > 0 && rows[whole - 1]?.[0] === lastSupporter) whole -= 1;
    for (let k = 0; k < whole; k += 1) {
      const [supporterId, at, tokens] = rows[k] ?? ['', 0, 0];
      folder.add(supporterId, at, tokens);
    }
    if (whole === 0) {
      for (const [supporterId, at, tokens] of source.purchasesOf(lastSupporter, moments.now, upToSeq)) folder.add(supporterId, at, tokens);
      after = lastSupporter;
    } else {
      after = rows[whole - 1]?.[0] ?? '';
    }
    yield;
  }
}
