import { CrmCore } from '../electron/core/crmCore';
import { installSegmentation } from '../electron/core/engine/segmentationService';
let now = Date.parse('2026-02-04T12:00:00Z');
const core = CrmCore.open({ dataDir: '/tmp/segbench2/workspace', clock: () => now });
const svc = installSegmentation(core);
svc.ensureCurrent(now);
const totals: Record<string, number> = {};
const wrap = (obj: any, name: string, label: string) => { const f = obj[name].bind(obj); obj[name] = (...a: unknown[]) => { const t = performance.now(); const r = f(...a); totals[label] = (totals[label] ?? 0) + performance.now() - t; return r; }; };
wrap(core.stores.rollups, 'getMany', 'rollups.getMany');
wrap(core.stores.rollups, 'upsert', 'rollups.upsert');
wrap(core.stores.engineInput, 'fanClubActiveOf', 'fanClubActiveOf');
wrap(core.stores.engineInput, 'scanActivities', 'scan');
wrap(core.stores.scores, 'write', 'scores.write'); wrap(core.stores.scores, 'getMany', 'scores.getMany');
wrap(core.stores.scores, 'dueAt', 'dueAt');
wrap(svc as any, 'scoreRow', 'scoreRow');
wrap(svc as any, 'afterBatch', 'afterBatch');
const N = 16;
for (let k = 0; k < N; k++) {
  now += 60000;
  const batch = Array.from({ length: 1000 }, (_, i) => ({ kind: 'value' as const, position: i, value: { entity: 'activity', op: 'upsert', data: { id: `inc4-${process.pid}-${k}-${i}`, supporterId: `s${String(1 + ((i * 7919 + k * 131) % 100000)).padStart(6, '0')}`, type: 'gift', at: new Date(now - 1000).toISOString(), tokens: 3 } } }));
  core.applyBatch(batch, 'x');
}
for (const [k, v] of Object.entries(totals)) console.log(k, (v / N).toFixed(1), 'ms per batch');
core.close();
