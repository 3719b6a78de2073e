import Database from 'better-sqlite3';
const db = new Database('/tmp/segbench/workspace/cache.sqlite');
db.pragma('cache_size = -65536');
const t = (label: string, f: () => unknown, n = 30) => { const s: number[] = []; let r: unknown; for (let i = 0; i < n; i++) { const a = performance.now(); r = f(); s.push(performance.now() - a); } s.sort((a, b) => a - b); console.log(label, 'p50', s[n >> 1]!.toFixed(2), 'p90', s[Math.floor(n * 0.9)]!.toFixed(2), Array.isArray(r) ? r.length : r); };
for (let k = 0; k < 2; k++) {
t('count all', () => db.prepare('SELECT count(*) FROM supporter_scores INDEXED BY scores_all_tab WHERE lifetimeTokens > 0').pluck().get());
t('count dormant', () => db.prepare("SELECT count(*) FROM supporter_scores INDEXED BY scores_dormant_tab WHERE segment = 'dormant'").pluck().get());
t('count vip', () => db.prepare("SELECT count(*) FROM supporter_scores INDEXED BY scores_vip_tab WHERE segment = 'vip'").pluck().get());
t('count edge', () => db.prepare("SELECT count(*) FROM supporter_scores INDEXED BY scores_by_edge WHERE edgeAt IS NOT NULL").pluck().get());
}
for (const q of ["SELECT count(*) FROM supporter_scores INDEXED BY scores_dormant_tab WHERE segment = 'dormant'", 'SELECT count(*) FROM supporter_scores INDEXED BY scores_all_tab WHERE lifetimeTokens > 0']) console.log(db.prepare('EXPLAIN ' + q).all().map((r: any) => `${r.opcode} ${r.p1} ${r.p2} ${r.p3} ${r.p4 ?? ''}`).join('\n'), '\n---');
