import { CrmCore } from '../electron/core/crmCore';
import { installSegmentation } from '../electron/core/engine/segmentationService';
let now = Date.parse('2026-01-21T05:00:00Z');
const core = CrmCore.open({ dataDir: '/tmp/segbench/workspace', clock: () => now });
const svc = installSegmentation(core);
let t = performance.now(); console.log('ensure', svc.ensureCurrent(now), Math.round(performance.now() - t));
const input = core.stores.engineInput as any;
const orig = input.activitiesOf.bind(input); let calls = 0; input.activitiesOf = (id: string) => { calls++; if (calls < 3) console.log(new Error('activitiesOf ' + id).stack?.split('\n').slice(1, 5).join('\n')); return orig(id); };
const ids = Array.from({ length: 1000 }, (_, i) => `s${String(1 + ((i * 7919) % 100000)).padStart(6, '0')}`);
for (let run = 0; run < 3; run++) {
  now += 60000;
  const batch = ids.map((id, i) => ({ kind: 'value' as const, position: i, value: { entity: 'activity', op: 'upsert', data: { id: `inc2-${run}-${i}`, supporterId: id, type: 'gift', at: new Date(now - 1000).toISOString(), tokens: 3 } } }));
  t = performance.now(); core.applyBatch(batch, 'x'); console.log('apply+observer', Math.round(performance.now() - t), 'activitiesOf calls', calls, 'pending', core.stores.rollups.pendingCount());
}
core.close();
