import { CrmCore } from '../../crmCore';
import { SupporterRollupBuilder } from '../../engine/rollup/supporterRollupBuilder';
import type { RollupActivity } from '../../engine/rollup/supporterRollup';
import { summarizeRollup } from '../../engine/score/summarizeRollup';
import { scoreSupporter } from '../../engine/score/scoreSupporter';
const dir = process.argv[2]!; const now = Date.parse('2025-12-03T10:00:00Z'); const T = now - 7 * 86400000;
const core = CrmCore.open({ dataDir: dir, clock: () => now });
const t = () => performance.now();
let s = t(); const cands = new Set(core.stores.clv.activeBetween(T - 7 * 86400000, T)); console.log('cands', cands.size, (t() - s).toFixed(0));
const fan = core.stores.engineInput.fanClubActiveBySupporter();
const run = (label: string, rows: Iterable<unknown[]>) => {
  s = t();
  const builders = new Map<string, SupporterRollupBuilder>();
  const a: RollupActivity = { id: null, type: 'chat_message', at: 0, tokens: 0, minutes: null, online: null, listingId: null };
  let n = 0;
  for (const row of rows) {
    const id = row[0] as string;
    if (!cands.has(id)) continue;
    n++;
    let b = builders.get(id);
    if (!b) { b = new SupporterRollupBuilder(id); builders.set(id, b); }
    a.type = row[1] as RollupActivity['type']; a.at = row[2] as number; a.tokens = row[3] as number; a.minutes = row[4] as number | null;
    a.online = row[5] === null ? null : row[5] === 1; a.listingId = row[6] as string | null; a.id = row[7] as string | null;
    b.add(a);
  }
  const mid = t();
  let hot = 0;
  for (const [id, b] of builders) if (scoreSupporter(summarizeRollup(b.finish(), T), fan.get(id) ?? false, T).segment === 'hot_lead') hot++;
  console.log(label, n, 'rows', (mid - s).toFixed(0), 'fold;', (t() - mid).toFixed(0), 'score; hot', hot);
};
const cols = "supporterId, type, at, tokens, minutes, online, listingId, CASE WHEN type = 'presence' THEN id END";
const paged = core.db.prepare(`SELECT rowid, ${cols} FROM activities WHERE rowid > ? AND at <= ? ORDER BY rowid LIMIT ?`).raw();
if (process.argv[3] === 'paged') run('paged-rowid', (function* () { let after = 0; for (;;) { const rows = paged.all(after, T, 100000) as unknown[][]; if (rows.length === 0) return; after = rows.at(-1)![0] as number; for (const r of rows) yield r.slice(1); } })());
if (process.argv[3] === 'iter') run('scan-iterate', core.db.prepare(`SELECT ${cols} FROM activities WHERE at <= ?`).raw().iterate(T) as Iterable<unknown[]>);
if (process.argv[3] === 'all') run('scan-all', core.db.prepare(`SELECT ${cols} FROM activities WHERE at <= ?`).raw().all(T) as unknown[][]);
console.log('rss', Math.round(process.memoryUsage().rss/1e6));
core.close();
