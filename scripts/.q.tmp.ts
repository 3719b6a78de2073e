import Database from 'better-sqlite3';
const db = new Database('/tmp/eng-big/cache.sqlite', { readonly: true });
let misaligned = 0, n = 0, shared = 0;
for (const [b] of db.prepare('SELECT recent FROM supporter_rollups LIMIT 20000').raw().iterate() as IterableIterator<[Buffer]>) { n++; if (b.byteOffset % 8) misaligned++; if (b.buffer.byteLength !== b.byteLength) shared++; }
console.log({ n, misaligned, shared });
