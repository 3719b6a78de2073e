import { CrmCore } from '../../crmCore';
import { ClvService } from '../clvService';
const dir = process.argv[2]!; const now = Date.parse('2025-12-03T10:00:00Z');
const core = CrmCore.open({ dataDir: dir, clock: () => now });
const service = new ClvService(core);
for (let i = 0; i < 3; i++) {
  const s = performance.now();
  const fit = service.refit(now);
  console.log('refit', Math.round(performance.now() - s), 'fitMs', Math.round(fit.fitMs), fit.supportersFitted, fit.hotLeadPrecision, 'rss', Math.round(process.memoryUsage().rss / 1e6));
}
core.close();
