import { CrmCore } from '../../crmCore';
import { createLocalDayKey } from '../createLocalDayKey';
import { supporterPurchaseHistory } from '../supporterPurchaseHistory';
import { summariseSupporterPurchases, MS_PER_DAY } from '../summariseSupporterPurchases';
import { groupRfmSummaries } from '../groupRfmSummaries';
import { fitBgNbd } from '../fitBgNbd';
import { fitGammaGamma } from '../fitGammaGamma';
const dir = process.argv[2]!; const now = Date.parse('2025-12-03T10:00:00Z');
const core = CrmCore.open({ dataDir: dir, clock: () => now });
const rows = core.stores.clv.purchasesUpTo(now);
for (const tz of ['UTC', 'Europe/Berlin']) {
  const h = supporterPurchaseHistory(rows, now, createLocalDayKey(tz));
  const sums = summariseSupporterPurchases(h, now / MS_PER_DAY).filter((s) => s.purchaseDayCount > 0);
  const g = groupRfmSummaries(sums);
  let s = performance.now(); const b = fitBgNbd(sums); const bt = performance.now() - s;
  s = performance.now(); const gg = fitGammaGamma(sums); const gt = performance.now() - s;
  console.log(tz, 'rows', (g as unknown as { rowCount: ArrayLike<number> }).rowCount.length, 'bgnbd', bt.toFixed(0), b.iterations, b.r, b.alpha, b.a, b.b, 'gg', gt.toFixed(0), gg.iterations, gg.p, gg.q, gg.gamma);
}
core.close();
