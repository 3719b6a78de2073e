import fs from 'node:fs';
import readline from 'node:readline';
import type { IncomingRecord } from './applyChangeBatch';

/**
 * Streams a JSONL file as batches of records so a multi-gigabyte import never sits in memory.
 * Positions are 1-based line numbers; blank lines are skipped.
 */
export async function* readJsonlBatches(filePath: string, batchSize = 5000): AsyncGenerator<IncomingRecord[]> {
  const lines = readline.createInterface({ input: fs.createReadStream(filePath, { encoding: 'utf8' }), crlfDelay: Infinity });
  let batch: IncomingRecord[] = [];
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    batch.push({ kind: 'text', text: line, position: lineNumber });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
