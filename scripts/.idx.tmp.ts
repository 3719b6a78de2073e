import { CrmCore } from '../electron/core/crmCore';
import { installSegmentation } from '../electron/core/engine/segmentationService';
let now = Date.parse('2026-01-31T12:00:00Z');
const core = CrmCore.open({ dataDir: '/tmp/segbench2/workspace', clock: () => now });
const svc = installSegmentation(core);
svc.ensureCurrent(now);
let k = 0;
const run = (label: string) => {
  const res: number[] = []; const eng: number[] = [];
  for (let r = 0; r < 4; r++) {
    now += 60000; k++;
    const batch = Array.from({ length: 1000 }, (_, i) => ({ kind: 'value' as const, position: i, value: { entity: 'activity', op: 'upsert', data: { id: `idx-${process.pid}-${k}-${i}`, supporterId: `s${String(1 + ((i * 7919 + k * 131) % 100000)).padStart(6, '0')}`, type: 'gift', at: new Date(now - 1000).toISOString(), tokens: 3 } } }));
    let e = 0; const ab = svc.afterBatch.bind(svc); svc.afterBatch = () => { const t = performance.now(); ab(); e = performance.now() - t; };
    const t = performance.now(); core.applyBatch(batch, 'x'); res.push(performance.now() - t); eng.push(e); svc.afterBatch = ab;
  }
  console.log(label, 'apply', res.map(Math.round).join(' '), 'engine', eng.map(Math.round).join(' '));
};
run('baseline');
core.db.exec('DROP INDEX scores_by_segment');
run('no segment idx');
core.db.exec('CREATE INDEX scores_by_segment ON supporter_scores(segment)');
core.db.pragma('wal_autocheckpoint = 20000');
run('autocheckpoint 20000');
core.close();
