import Database from 'better-sqlite3';
const db = new Database('/tmp/eng-big/cache.sqlite');
try { db.exec('ALTER TABLE supporter_scores ADD COLUMN signature INTEGER NOT NULL DEFAULT 0'); } catch (e) { console.log(String(e)); }
db.prepare("DELETE FROM meta WHERE key = 'engineVersion'").run();
