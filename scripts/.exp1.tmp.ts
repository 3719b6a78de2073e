import Database from 'better-sqlite3';
const db = new Database('/tmp/eng-big/cache.sqlite');
db.pragma('cache_size = -65536');
const t = (label: string, f: () => unknown) => { const s = performance.now(); const r = f(); console.log(label, Math.round(performance.now() - s), 'ms', Array.isArray(r) ? r.length : r); return r; };
console.log(db.prepare('EXPLAIN QUERY PLAN SELECT supporterId, count(*), sum(tokens) FROM activities GROUP BY supporterId').all());
for (let i = 0; i < 2; i++) t('plain', () => db.prepare('SELECT supporterId, count(*), sum(tokens) FROM activities GROUP BY supporterId').all());
const now = Date.parse('2026-01-15T12:00:00Z'); const D = 86400000;
const sql = `SELECT supporterId,
 sum(CASE WHEN type NOT IN ('creator_message','presence') THEN tokens ELSE 0 END) AS lifetime,
 sum(CASE WHEN at > @w30 AND type NOT IN ('creator_message','presence') THEN tokens ELSE 0 END) AS monthly,
 sum(CASE WHEN at > @w7 AND type NOT IN ('creator_message','presence') THEN tokens ELSE 0 END) AS weekly,
 min(CASE WHEN tokens > 0 AND type NOT IN ('creator_message','presence') THEN at END) AS firstPurchase,
 max(CASE WHEN type != 'creator_message' AND (type != 'presence' OR online = 1) THEN at END) AS lastActivity,
 max(CASE WHEN type = 'presence' THEN at * 2 + online END) AS presence,
 sum(at > @w7 AND type = 'chat_message') AS chats7,
 sum(type IN ('gift','live_gift')) AS giftsLife,
 sum(at > @w7 AND type IN ('gift','live_gift')) AS gifts7,
 sum(at > @w7 AND type = 'profile_view') AS views7,
 sum(at > @w7 AND type = 'live_attendance') AS live7,
 sum(CASE WHEN at > @w7 AND type = 'live_attendance' THEN minutes END) AS minutes7,
 sum(at > @w7 AND type = 'live_gift') AS liveGifts7,
 max(CASE WHEN type = 'match' THEN at END) AS lastMatch,
 sum(at > @w7 AND type = 'like') AS likes7
 FROM activities WHERE at <= @now GROUP BY supporterId`;
console.log(db.prepare('EXPLAIN QUERY PLAN ' + sql).all({ now, w7: now - 7*D, w30: now - 30*D }));
for (let i = 0; i < 2; i++) t('cond', () => db.prepare(sql).all({ now, w7: now - 7*D, w30: now - 30*D }));
// JS scan
for (let i = 0; i < 2; i++) t('jsscan', () => { let n = 0; let tok = 0; for (const r of db.prepare('SELECT supporterId, type, at, tokens, minutes, online FROM activities').raw().iterate() as IterableIterator<any[]>) { n++; tok += r[3]; } return n; });
