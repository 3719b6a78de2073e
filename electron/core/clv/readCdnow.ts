import { readFileSync } from 'node:fs';
import { type CdnowRow, parseCdnow } from './parseCdnow';

/** Reads and parses CDNOW_sample.txt (see parseCdnow for the format). */
export function readCdnow(filePath: string): CdnowRow[] {
  return parseCdnow(readFileSync(filePath, 'latin1'));
}
