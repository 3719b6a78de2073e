// Runs a TypeScript entry point on Node 22 with tsx's loader registered in-process rather than
// through the tsx CLI, so worker threads started by that entry can register the same loader.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/runTypeScript.mjs ENTRY.ts [args...]\n');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...args];
register();
await import(pathToFileURL(path.resolve(entry)).href);
