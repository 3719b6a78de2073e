import { CrmCore } from '../../crmCore';
import { ClvService } from '../clvService';
import { createLocalDayKey } from '../createLocalDayKey';
import { supporterPurchaseHistory } from '../supporterPurchaseHistory';
import { fitSupporterModels } from '../fitSupporterModels';
import { backtestSupporterModels } from '../backtestSupporterModels';
const dir = process.argv[2]!; const now = Date.parse('2025-12-03T10:00:00Z');
const core = CrmCore.open({ dataDir: dir, clock: () => now });
const t = () => performance.now();
for (let k = 0; k < 2; k++) {
let s = t(); const rows = core.stores.clv.purchasesUpTo(now); const read = t() - s;
s = t(); const h = supporterPurchaseHistory(rows, now, createLocalDayKey('Europe/Berlin')); const hist = t() - s;
s = t(); const f = fitSupporterModels(h, now); const fit = t() - s;
s = t(); backtestSupporterModels(h, now); const bt = t() - s;
s = t(); (new ClvService(core) as unknown as { hotLeadPrecision(r: unknown, n: number): unknown }).hotLeadPrecision(rows, now); const hot = t() - s;
const svc = new ClvService(core); s = t(); const r = svc.refit(now); const all = t() - s;
console.log({ read, hist, fit, bt, hot, total: all, fitMs: r.fitMs, n: f.supporters.length });
}
core.close();
