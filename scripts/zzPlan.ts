import Database from 'better-sqlite3';
const db = new Database('/tmp/nowprobe/ws/cache.sqlite');
const now = 1764756000000;
const ids = JSON.stringify(db.prepare('SELECT supporterId FROM supporter_state WHERE nowKey IS NOT NULL ORDER BY nowKey DESC LIMIT 50').pluck().all());
const sql = `SELECT a.supporterId, a.id, a.type, a.priority, a.createdAt, a.expiresAt FROM alerts a WHERE a.supporterId IN (SELECT value FROM json_each(@ids)) AND a.dismissedAt IS NULL AND a.createdAt <= @now AND (a.expiresAt IS NULL OR a.expiresAt > @now)`;
const time = (label: string, sql: string) => { const st = db.prepare(sql); st.all({ ids, now }); const t = performance.now(); for (let i = 0; i < 200; i++) st.all({ ids, now }); console.log(label, ((performance.now() - t) / 200).toFixed(3), 'ms', st.all({ ids, now }).length, 'rows', db.prepare('EXPLAIN QUERY PLAN ' + sql).all({ ids, now }).map((r: any) => r.detail).join(' | ')); };
console.log(db.prepare(`SELECT count(*) FROM alerts WHERE supporterId IN (SELECT value FROM json_each(?))`).pluck().get(ids));
time('before', sql);
db.exec('DROP INDEX IF EXISTS zz_open; CREATE INDEX zz_open ON alerts(supporterId, expiresAt, createdAt, type, priority, id) WHERE dismissedAt IS NULL');
time('after', sql);
const sql2 = `SELECT a.supporterId, a.id, a.type, a.priority, a.createdAt, a.expiresAt FROM json_each(@ids) j JOIN alerts a ON a.supporterId = j.value AND a.dismissedAt IS NULL AND a.expiresAt IS NULL AND a.createdAt <= @now
UNION ALL SELECT a.supporterId, a.id, a.type, a.priority, a.createdAt, a.expiresAt FROM json_each(@ids) j JOIN alerts a ON a.supporterId = j.value AND a.dismissedAt IS NULL AND a.expiresAt > @now AND a.createdAt <= @now`;
time('union', sql2);
db.exec('DROP INDEX zz_open');
