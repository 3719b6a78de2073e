import { CrmCore } from '../electron/core/crmCore';
import { installSegmentation } from '../electron/core/engine/segmentationService';
let now = Date.parse('2026-01-21T07:00:00Z');
const core = CrmCore.open({ dataDir: '/tmp/segbench/workspace', clock: () => now });
const svc = installSegmentation(core);
svc.ensureCurrent(now);
const wrap = (obj: any, name: string, label: string) => { const f = obj[name].bind(obj); obj[name] = (...a: unknown[]) => { const t = performance.now(); const r = f(...a); console.log('  ', label, Math.round((performance.now() - t) * 10) / 10, 'ms'); return r; }; };
wrap(core.stores.rollups, 'getMany', 'getMany'); wrap(core.stores.engineInput, 'fanClubActiveOf', 'fanClubActiveOf');
wrap(core.stores.rollups, 'pending', 'pending');
wrap(core.stores.scores, 'dueAt', 'dueAt');
wrap(core.stores.engineInput, 'scanActivities', 'scan');
wrap(svc as any, 'writeBuilders', 'writeBuilders');
wrap(svc as any, 'rescore', 'rescore');
const ids = Array.from({ length: 1000 }, (_, i) => `s${String(1 + ((i * 7919 + 13) % 100000)).padStart(6, '0')}`);
for (let run = 0; run < 3; run++) {
  now += 60000;
  const other = CrmCore.open({ dataDir: '/tmp/segbench/workspace', clock: () => now });
  const batch = ids.map((id, i) => ({ kind: 'value' as const, position: i, value: { entity: 'activity', op: 'upsert', data: { id: `inc3-${now}-${i}`, supporterId: id, type: 'gift', at: new Date(now - 1000).toISOString(), tokens: 3 } } }));
  let t = performance.now(); other.applyBatch(batch, 'x'); console.log('apply (no observer)', Math.round(performance.now() - t)); other.close();
  t = performance.now(); const n = svc.ensureCurrent(now); console.log('ensureCurrent', n, Math.round(performance.now() - t));
}
core.close();
