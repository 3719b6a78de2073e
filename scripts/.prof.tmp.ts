import { CrmCore } from '../electron/core/crmCore';
import { segmentationFor } from '../electron/core/engine/segmentationService';
const now = Date.parse('2026-01-15T12:00:00Z');
const core = CrmCore.open({ dataDir: process.argv[2]!, clock: () => now });
const svc = segmentationFor(core);
for (let i = 0; i < 3; i++) { const t = performance.now(); svc.runFull(now); console.log('runFull', Math.round(performance.now() - t)); }
let t = performance.now(); const inputs = [...core.stores.rollups.iterateScoringInputs()]; console.log('inputs', inputs.length, Math.round(performance.now() - t));
t = performance.now(); core.stores.scores.orphanIds(); console.log('orphans', Math.round(performance.now() - t));
t = performance.now(); core.stores.scores.segmentCounts(); console.log('counts', Math.round(performance.now() - t));
core.close();
