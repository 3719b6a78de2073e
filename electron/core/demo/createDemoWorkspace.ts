import type { CrmCore } from '../crmCore';
import type { IncomingRecord } from '../ingest/applyChangeBatch';
import { generateDemoRecords, type DemoOptions } from './generateDemoRecords';
import { IS_DEMO_META_KEY } from './isDemoWorkspace';

export interface DemoSummary {
  supporters: number;
  activities: number;
  streams: number;
  listings: number;
}

export const DEFAULT_DEMO = { supporters: 2000, days: 90, seed: 7 } as const;

/** Fills the workspace with generated demo data through the real apply path and marks it as demo. */
export function createDemoWorkspace(core: CrmCore, options: DemoOptions, onProgress?: (summary: DemoSummary) => void): DemoSummary {
  // Marked first: a run stopped halfway must still read as demo, never as real data that a
  // connection would then mix with the platform's.
  core.stores.meta.set(IS_DEMO_META_KEY, '1');
  const summary: DemoSummary = { supporters: 0, activities: 0, streams: 0, listings: 0 };
  let batch: IncomingRecord[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    core.applyBatch(batch, 'demo');
    batch = [];
    onProgress?.({ ...summary });
  };
  for (const record of generateDemoRecords(options)) {
    if (record.entity === 'supporter') summary.supporters += 1;
    else if (record.entity === 'activity') summary.activities += 1;
    else if (record.entity === 'stream') summary.streams += 1;
    else if (record.entity === 'listing') summary.listings += 1;
    batch.push({ kind: 'value', value: record, position: summary.activities });
    if (batch.length >= 10_000) flush();
  }
  flush();
  core.stores.meta.set('demoGeneratedAt', new Date(options.now).toISOString());
  core.emit({ kind: 'data_changed', reason: 'import' });
  return summary;
}
