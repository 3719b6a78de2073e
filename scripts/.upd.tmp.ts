import Database from 'better-sqlite3';
import fs from 'node:fs';
fs.rmSync('/tmp/upd.sqlite', { force: true });
const db = new Database('/tmp/upd.sqlite'); db.pragma('journal_mode = WAL');
db.exec(`CREATE TABLE t (id TEXT PRIMARY KEY, a INTEGER, b INTEGER, c INTEGER, d INTEGER, e INTEGER, f INTEGER, payload INTEGER);
CREATE INDEX ia ON t(a); CREATE INDEX ib ON t(b); CREATE INDEX ic ON t(c); CREATE INDEX id2 ON t(d); CREATE INDEX ie ON t(e); CREATE INDEX if2 ON t(f);`);
const ins = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
db.transaction(() => { for (let i = 0; i < 200000; i++) ins.run(`k${i}`, Math.random() * 1e9 | 0, Math.random() * 1e9 | 0, Math.random() * 1e9 | 0, Math.random() * 1e9 | 0, Math.random() * 1e9 | 0, Math.random() * 1e9 | 0, 0); })();
const all = db.prepare('UPDATE t SET a = a, b = b, c = c, d = d, e = e, f = f, payload = payload + 1 WHERE id = ?');
const few = db.prepare('UPDATE t SET payload = payload + 1 WHERE id = ?');
const ids = Array.from({ length: 2000 }, () => `k${Math.random() * 200000 | 0}`);
for (let r = 0; r < 3; r++) {
  let t = performance.now(); db.transaction(() => { for (const id of ids) all.run(id); })(); console.log('set all same', (performance.now() - t).toFixed(1));
  t = performance.now(); db.transaction(() => { for (const id of ids) few.run(id); })(); console.log('set payload only', (performance.now() - t).toFixed(1));
}
