import { CrmCore } from '../electron/core/crmCore';
import { summarizeRollup } from '../electron/core/engine/score/summarizeRollup';
import { scoreSupporter } from '../electron/core/engine/score/scoreSupporter';
import { emptyRollup } from '../electron/core/engine/rollup/supporterRollup';
const now = Date.parse('2026-01-15T16:00:00Z');
const core = CrmCore.open({ dataDir: process.argv[2]!, clock: () => now });
for (let round = 0; round < 2; round++) {
let t = performance.now(); const plain = core.db.prepare('SELECT supporterId, count(*), sum(tokens) FROM activities GROUP BY supporterId').raw().all(); console.log('plain', plain.length, Math.round(performance.now() - t));
t = performance.now(); const inputs = [...core.stores.rollups.iterateScoringInputs()]; console.log('inputs', inputs.length, Math.round(performance.now() - t));
t = performance.now(); const scored = inputs.map((i) => { const s = summarizeRollup(i.rollup ?? emptyRollup(i.supporterId), now); return { s, sc: scoreSupporter(i.supporterId, s, i.fanClubActive, now) }; }); console.log('score', scored.length, Math.round(performance.now() - t));
t = performance.now();
core.db.transaction(() => { for (const { s, sc } of scored) core.stores.scores.upsert({ supporterId: sc.supporterId, engineVersion: 1, asOf: now, edgeAt: s.nextChangeAt, segment: sc.segment, online: s.online, lifetimeTokens: s.lifetimeTokens, monthlyTokens: s.monthlyTokens, lastActivityAt: s.lastActivityAt, firstPurchaseAt: s.firstPurchaseAt, unreadCount: s.unreadCount, lastCreatorMessageAt: s.lastCreatorMessageAt, registeredListingIds: s.registeredListingIds, conversionProbability: sc.conversionProbability, priorityScore: sc.priorityScore }); })();
console.log('write', Math.round(performance.now() - t));
}
core.close();
