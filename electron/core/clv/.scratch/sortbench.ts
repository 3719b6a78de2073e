import { createRequestHandlers } from '../../api/createRequestHandlers';
import { invokeRequest } from '../../api/invokeRequest';
import { CrmCore } from '../../crmCore';
import { percentile } from '../../bench/percentile';
const dir = process.argv[2]!; const now = Date.parse('2025-12-03T10:00:00Z');
const core = CrmCore.open({ dataDir: dir, clock: () => now });
const handlers = createRequestHandlers();
const call = async (input: unknown) => { const r = await invokeRequest(core, handlers, 'inbox.page', input); if (!r.ok) throw new Error(r.error.message); return r.value as { total: number }; };
let s = performance.now(); const first = await call({ tab: 'all', sort: 'chance_active', limit: 50 }); console.log('first (incl. refit)', Math.round(performance.now() - s), first.total);
for (const sort of ['default', 'chance_active', 'expected_tokens']) {
  const samples: number[] = [];
  for (let i = 0; i < 200; i++) {
    const offset = Math.floor(Math.random() * Math.min(first.total - 50, 10000));
    s = performance.now(); await call({ tab: 'all', sort, limit: 50, offset }); samples.push(performance.now() - s);
  }
  console.log(sort, 'p95', percentile(samples, 95).toFixed(2));
}
const ps: number[] = [];
for (let i = 0; i < 200; i++) { const id = `s${String(1 + Math.floor(Math.random() * 20000)).padStart(6, '0')}`; s = performance.now(); await invokeRequest(core, handlers, 'profile.get', { supporterId: id }); ps.push(performance.now() - s); }
console.log('profile p95', percentile(ps, 95).toFixed(2));
core.close();
