import fs from 'node:fs';
import readline from 'node:readline';
import { generateDemoRecords } from '../core/demo/generateDemoRecords';

/**
 * Reads a JSONL file of change records for the platform to serve. A page is a JSON document, so a
 * line that is not JSON cannot be served as it is: it is skipped and counted (the client meets
 * broken JSON as a truncated-body fault instead).
 */
export async function readRecordsFile(filePath: string): Promise<{ records: unknown[]; skippedLines: number }> {
  const lines = readline.createInterface({ input: fs.createReadStream(filePath, { encoding: 'utf8' }), crlfDelay: Infinity });
  const records: unknown[] = [];
  let skippedLines = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line));
    } catch {
      skippedLines += 1;
    }
  }
  return { records, skippedLines };
}

export interface DemoRecordOptions {
  supporters: number;
  seed: number;
  days: number;
  now: number;
  /** Cut the log after this many records (benchmarks ask for an exact size). */
  maxRecords?: number;
}

export function* demoRecords(options: DemoRecordOptions): Generator<unknown> {
  let count = 0;
  for (const record of generateDemoRecords({ supporters: options.supporters, days: options.days, seed: options.seed, now: options.now })) {
    if (options.maxRecords !== undefined && count >= options.maxRecords) return;
    count += 1;
    yield record;
  }
}
