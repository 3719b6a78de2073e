/**
 * Search benchmark (issue 20): supporter search at creator scale, the figure `crm bench` reports
 * as `searchP95Ms` once `measureSearch` is wired in. Opens an existing workspace (build one with
 * `npm run -s crm -- demo --data-dir DIR --supporters 100000`), adds 50,000 seeded notes and tags to
 * a copy of it, and times `search.supporters` through the API contract.
 *
 *   node scripts/runTypeScript.mjs scripts/searchBenchmark.ts --data-dir DIR [--notes 50000] [--queries 400] [--seed 7] [--now ISO] [--json]
 *
 * The workspace is copied first (into a temp folder, removed afterwards), so DIR is left as it was.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { measureSearch } from '../electron/core/bench/measureSearch';
import { CrmCore } from '../electron/core/crmCore';
import { demoSupporterId } from '../electron/core/demo/demoSupporterId';
import { createCoreServices } from '../electron/core/createCoreServices';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    notes: { type: 'string', default: '50000' },
    queries: { type: 'string', default: '400' },
    seed: { type: 'string', default: '7' },
    now: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const source = values['data-dir'];
if (!source) {
  process.stderr.write('usage: scripts/searchBenchmark.ts --data-dir DIR [--notes N] [--queries Q] [--seed S] [--json]\n');
  process.exit(2);
}
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-search-bench-'));
try {
  fs.copyFileSync(path.join(source, 'cache.sqlite'), path.join(copy, 'cache.sqlite'));
  // The workspace's own time by default: an earlier --now would make every search recompute scores as they stood then.
  const now = values.now === undefined ? Date.now() : Date.parse(values.now);
  const core = CrmCore.open({ dataDir: copy, clock: () => now });
  const services = createCoreServices(core);
  const supporters = core.stores.workspace.supporterCount();
  const result = await measureSearch(services, {
    supporterIds: Array.from({ length: supporters }, (_, index) => demoSupporterId(index + 1)),
    notes: Number(values.notes),
    queries: Number(values.queries),
    seed: Number(values.seed),
    log: (message) => process.stderr.write(`${message}\n`),
  });
  core.close();
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`);
} finally {
  fs.rmSync(copy, { recursive: true, force: true });
}
