import { CrmCore } from '../../crmCore';
import { createLocalDayKey } from '../createLocalDayKey';
import { supporterPurchaseHistory } from '../supporterPurchaseHistory';
import { summariseSupporterPurchases, MS_PER_DAY } from '../summariseSupporterPurchases';
import { groupSpendObservations } from '../groupSpendObservations';
import { gammaGammaLogLikelihood } from '../gammaGammaLogLikelihood';
import { minimiseBfgs } from '../minimiseBfgs';
const dir = process.argv[2]!; const now = Date.parse('2025-12-03T10:00:00Z');
const core = CrmCore.open({ dataDir: dir, clock: () => now });
const rows = core.stores.clv.purchasesUpTo(now);
const h = supporterPurchaseHistory(rows, now, createLocalDayKey(process.argv[3] ?? 'Europe/Berlin'));
const sums = summariseSupporterPurchases(h, now / MS_PER_DAY);
const data = groupSpendObservations(sums);
console.log('rows', data.rowCount.length, 'customers', data.customers, 'mean', data.meanSpend);
const n = data.customers; const gradient = new Float64Array(3);
const objective = (theta: readonly number[], out: Float64Array): number => {
  const p = { p: Math.exp(theta[0]!), q: Math.exp(theta[1]!), gamma: Math.exp(theta[2]!) };
  const ll = gammaGammaLogLikelihood(p, data, gradient);
  const v = [p.p, p.q, p.gamma];
  for (let i = 0; i < 3; i++) out[i] = (-(gradient[i] ?? 0) * (v[i] ?? 0)) / n;
  return -ll / n;
};
const r = minimiseBfgs(objective, [0, Math.log(2), Math.log(data.meanSpend)]);
console.log(r);
// finite-difference gradient check at the answer
const g = new Float64Array(3); const f0 = objective(r.x, g);
for (let i = 0; i < 3; i++) { const e = 1e-6; const xp = [...r.x]; xp[i]! += e; const xm = [...r.x]; xm[i]! -= e; console.log(i, g[i], (objective(xp, new Float64Array(3)) - objective(xm, new Float64Array(3))) / (2 * e)); }
console.log(f0);
core.close();
