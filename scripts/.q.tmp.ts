import Database from 'better-sqlite3';
const db = new Database('/tmp/eng-big/cache.sqlite', { readonly: true });
const now = Date.parse('2026-01-15T12:00:00Z'); const D = 86400000;
console.log(db.prepare("SELECT count(*) n, sum(length(recent)) bytes FROM supporter_rollups WHERE maxAt > ?").get(now - 30 * D));
console.log(db.prepare("SELECT count(*) n, sum(length(recent)) bytes FROM supporter_rollups WHERE maxAt <= ?").get(now - 30 * D));
console.log(db.prepare("SELECT segment, count(*) FROM supporter_scores GROUP BY segment").all());
console.log(db.prepare("SELECT count(*) FROM supporter_scores WHERE edgeAt <= ?").get(now + D));
