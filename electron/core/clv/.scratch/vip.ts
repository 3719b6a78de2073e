import { CrmCore } from '../../crmCore';
const dir = process.argv[2]!; const now = Date.parse('2025-12-03T10:00:00Z'); const T = now - 7 * 86400000;
const core = CrmCore.open({ dataDir: dir, clock: () => now });
const cands = new Set(core.stores.clv.activeBetween(T - 7 * 86400000, T));
const life = new Map<string, number>();
for (const [id, at, tok] of core.stores.clv.purchasesUpTo(T)) life.set(id, (life.get(id) ?? 0) + tok);
const counts = new Map(core.db.prepare('SELECT supporterId, count(*) FROM activities WHERE at <= ? GROUP BY supporterId').raw().all(T) as [string, number][]);
let vip = 0, vipRows = 0, rows = 0;
for (const id of cands) { const n = counts.get(id) ?? 0; rows += n; if ((life.get(id) ?? 0) >= 1000) { vip++; vipRows += n; } }
console.log({ cands: cands.size, vip, rows, vipRows });
core.close();
