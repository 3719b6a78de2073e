import Database from 'better-sqlite3';
const db = new Database('/tmp/segbench/workspace/cache.sqlite');
db.pragma('cache_size = -65536');
db.exec('CREATE INDEX IF NOT EXISTS scores_all_tab2 ON supporter_scores(lastActivityAt DESC, supporterId, lifetimeTokens) WHERE lifetimeTokens > 0');
const t = (label: string, f: () => unknown, n = 30) => { const s: number[] = []; let r: unknown; for (let i = 0; i < n; i++) { const a = performance.now(); r = f(); s.push(performance.now() - a); } s.sort((a, b) => a - b); console.log(label, 'p50', s[n >> 1]!.toFixed(2), 'p90', s[Math.floor(n * 0.9)]!.toFixed(2), Array.isArray(r) ? r.length : r); };
for (let k = 0; k < 2; k++) {
t('count all', () => db.prepare('SELECT count(*) FROM supporter_scores INDEXED BY scores_all_tab WHERE lifetimeTokens > 0').pluck().get());
t('count all2', () => db.prepare('SELECT count(*) FROM supporter_scores INDEXED BY scores_all_tab2 WHERE lifetimeTokens > 0').pluck().get());
}
console.log(db.prepare('EXPLAIN QUERY PLAN SELECT count(*) FROM supporter_scores INDEXED BY scores_all_tab2 WHERE lifetimeTokens > 0').all());
db.exec('DROP INDEX scores_all_tab2');
