import { CrmCore } from '../electron/core/crmCore';
import { installSegmentation } from '../electron/core/engine/segmentationService';
let now = Date.parse('2026-01-21T04:00:00Z');
const core = CrmCore.open({ dataDir: '/tmp/segbench/workspace', clock: () => now });
const svc = installSegmentation(core);
svc.ensureCurrent(now);
const ids = Array.from({ length: 1000 }, (_, i) => `s${String(1 + ((i * 7919) % 100000)).padStart(6, '0')}`);
let t = performance.now(); const inputs = core.stores.rollups.scoringInputsOf(ids); console.log('scoringInputsOf', inputs.length, Math.round(performance.now() - t));
console.log(core.db.prepare("EXPLAIN QUERY PLAN SELECT s.id FROM supporters s LEFT JOIN supporter_rollups r ON r.supporterId = s.id WHERE s.id IN (SELECT value FROM json_each(?))").all('[]'));
t = performance.now(); for (const id of ids) core.stores.rollups.get(id); console.log('rollup gets', Math.round(performance.now() - t));
for (let run = 0; run < 3; run++) {
  now += 60000;
  const batch = ids.map((id, i) => ({ kind: 'value' as const, position: i, value: { entity: 'activity', op: 'upsert', data: { id: `inc-${run}-${i}`, supporterId: id, type: 'gift', at: new Date(now - 1000).toISOString(), tokens: 3 } } }));
  t = performance.now(); core.applyBatch(batch, 'x'); console.log('apply+observer', Math.round(performance.now() - t));
}
core.close();
