import { CrmCore } from '../electron/core/crmCore';
import { segmentationFor } from '../electron/core/engine/segmentationService';
const now = Date.parse('2026-01-15T16:00:00Z');
const core = CrmCore.open({ dataDir: process.argv[2]!, clock: () => now });
const svc = segmentationFor(core);
const runs: Record<string, number[]> = { plain: [], full: [], rollupsAll: [], scoresAll: [], flags: [] };
for (let round = 0; round < 5; round++) {
  let t = performance.now(); core.db.prepare('SELECT supporterId, count(*), sum(tokens) FROM activities GROUP BY supporterId').raw().all(); runs.plain!.push(performance.now() - t);
  t = performance.now(); svc.runFull(now + 86400000 * (round + 1)); runs.full!.push(performance.now() - t);
  t = performance.now(); core.stores.rollups.allForScoringAt(now); runs.rollupsAll!.push(performance.now() - t);
  t = performance.now(); core.stores.scores.signatures(now); runs.scoresAll!.push(performance.now() - t);
  t = performance.now(); core.stores.engineInput.fanClubActiveBySupporter(); runs.flags!.push(performance.now() - t);
}
for (const [k, v] of Object.entries(runs)) console.log(k, 'min', Math.round(Math.min(...v)), 'all', v.map(Math.round).join(' '));
core.close();
