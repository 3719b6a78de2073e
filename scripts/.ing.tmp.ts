import fs from 'node:fs';
import { CrmCore } from '../electron/core/crmCore';
import { generateDemoRecords } from '../electron/core/demo/generateDemoRecords';
import { installSegmentation } from '../electron/core/engine/segmentationService';
import type { IncomingRecord } from '../electron/core/ingest/applyChangeBatch';
const now = Date.parse('2026-01-15T12:00:00Z');
const records = [...generateDemoRecords({ supporters: 10000, days: 90, seed: 3, now, busyness: 0.6 })];
console.log('records', records.length);
for (const withEngine of [true]) {
  const dir = `/tmp/ing-${withEngine}`; fs.rmSync(dir, { recursive: true, force: true });
  const core = CrmCore.open({ dataDir: dir, clock: () => now });
  let engineMs = 0;
  if (withEngine) { const svc = installSegmentation(core); svc.ensureCurrent(now); const ab = svc.afterBatch.bind(svc); svc.afterBatch = () => { const t = performance.now(); ab(); engineMs += performance.now() - t; }; }
  const t = performance.now();
  for (let i = 0; i < records.length; i += 10000) core.applyBatch(records.slice(i, i + 10000).map((value, position) => ({ kind: 'value', value, position }) as IncomingRecord), 'x');
  const ms = performance.now() - t;
  console.log(withEngine ? 'with engine' : 'without', Math.round(ms), 'ms', Math.round(records.length / ms * 1000), 'rec/s', 'engine', Math.round(engineMs));
  core.close();
}
