// Child process entry of `coldOpenMs`'s yardstick (see measureColdOpen): a new process that opens
// the workspace's SQLite file with better-sqlite3 and reads 50 rows — the least a process must do to
// show anything from the cache.
import Database from 'better-sqlite3';
import path from 'node:path';

const [dataDir] = process.argv.slice(2);
if (dataDir === undefined || process.send === undefined) {
  process.stderr.write('usage: forked by measureColdOpen\n');
  process.exit(2);
}
const db = new Database(path.join(dataDir, 'cache.sqlite'), { readonly: true, fileMustExist: true });
const rows = db.prepare('SELECT * FROM supporters LIMIT 50').all();
db.close();
process.send({ ok: true, entries: rows.length, loadedAtMs: 0, openedAtMs: 0, answeredAtMs: performance.now(), peakRssMb: 0 }, undefined, {}, () => process.exit(0));
