import { CrmCore } from '../electron/core/crmCore';
import { segmentationFor } from '../electron/core/engine/segmentationService';
const now = Date.parse('2026-01-15T16:00:00Z');
const core = CrmCore.open({ dataDir: process.argv[2]!, clock: () => now });
const svc = segmentationFor(core);
if (process.argv[3] === 'rebuild') { core.stores.meta.delete('engineVersion'); const t = performance.now(); svc.ensureCurrent(now); console.log('rebuild', Math.round(performance.now() - t)); }
for (let round = 0; round < 2; round++) {
let t = performance.now(); const plain = core.db.prepare('SELECT supporterId, count(*), sum(tokens) FROM activities GROUP BY supporterId').raw().all(); console.log('plain', plain.length, Math.round(performance.now() - t));
t = performance.now(); svc.runFull(now); console.log('runFull same now', Math.round(performance.now() - t));
t = performance.now(); svc.runFull(now + 86400000 * (round + 1)); console.log('runFull next day', Math.round(performance.now() - t));
t = performance.now(); core.stores.scores.clear(); svc.runFull(now + 86400000 * (round + 1)); console.log('runFull cold', Math.round(performance.now() - t));
}
core.close();
