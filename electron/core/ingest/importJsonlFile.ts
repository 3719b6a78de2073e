import type { CacheDatabase } from '../db/cacheDatabase';
import fs from 'node:fs';
import path from 'node:path';
import type { ImportSummary } from '../../../shared/contract/apiTypes';
import { checkpointWal } from '../db/checkpointWal';
import { classifyDatabaseError } from '../db/classifyDatabaseError';
import type { BatchOutcome, IncomingRecord } from './applyChangeBatch';
import { readJsonlBatches, type JsonlReadOptions } from './readJsonlBatches';

/** What an import needs of the core: its cache, and applying one batch in one transaction. */
export interface ImportTarget {
  db: CacheDatabase;
  applyBatch(records: readonly IncomingRecord[], source: string): BatchOutcome;
}

export interface ImportOptions extends JsonlReadOptions {
  onProgress?: (summary: ImportSummary) => void;
  /** Past this size the log is checkpointed between batches (see checkpointWal). */
  walCheckpointBytes?: number;
}

/**
 * The write-ahead log keeps every version of a page until a checkpoint, and the cache checkpoints
 * only every ~80 MB (openCacheDatabase). An import writes the same index pages again in every batch,
 * so it checkpoints itself beyond 16 MiB: the log then stays a few batches long instead of growing
 * to several times the data, which is what filled the disk in issue 16.
 */
const WAL_CHECKPOINT_BYTES = 16 * 1024 * 1024;

/** An import that stopped part-way: says what was applied and from which line nothing was. */
export class ImportStoppedError extends Error {
  constructor(
    message: string,
    readonly summary: ImportSummary,
    readonly firstLineNotApplied: number,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'ImportStoppedError';
  }
}

/**
 * Imports a JSONL file of change records (SPEC §1) batch by batch, one transaction per batch: a
 * batch applies whole or not at all, and applying a record again gives the same state, so an
 * import that stopped can simply be run again.
 */
export async function importJsonlFile(target: ImportTarget, filePath: string, options: ImportOptions = {}): Promise<ImportSummary> {
  checkImportable(filePath);
  const total: ImportSummary = { applied: 0, quarantined: 0, droppedForbiddenFields: 0 };
  const source = `import:${path.basename(filePath)}`;
  const walPath = `${target.db.name}-wal`;
  const walCheckpointBytes = options.walCheckpointBytes ?? WAL_CHECKPOINT_BYTES;
  let nextLine = 1;
  // A log left large by an earlier run that stopped on a full disk is emptied first, now that there may be room.
  if (fileSize(walPath) > walCheckpointBytes) checkpointWal(target.db, 'TRUNCATE');
  try {
    for await (const batch of readJsonlBatches(fs.createReadStream(filePath), options)) {
      nextLine = batch[0]?.position ?? nextLine;
      const outcome = target.applyBatch(batch, source);
      total.applied += outcome.applied;
      total.quarantined += outcome.quarantined;
      total.droppedForbiddenFields += outcome.droppedForbiddenFields;
      nextLine = (batch.at(-1)?.position ?? nextLine) + 1;
      options.onProgress?.({ ...total });
      if (fileSize(walPath) > walCheckpointBytes) checkpointWal(target.db, 'PASSIVE');
    }
  } catch (error) {
    throw stoppedError(error, total, nextLine, target.db);
  }
  return total;
}

function checkImportable(filePath: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    throw new Error(`No such file: ${filePath}`);
  }
  // A pipe is fine (`crm import <(gunzip -c changes.jsonl.gz)`); a device such as /dev/zero never ends.
  if (stat.isFile() || stat.isFIFO()) return;
  const kind = stat.isDirectory() ? 'a folder' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : 'not a regular file';
  throw new Error(`${filePath} is ${kind}, not a JSONL file. Import reads a file of change records, one per line.`);
}

function fileSize(filePath: string): number {
  try {
    return fs.statSync(filePath).size;
  } catch {
    return 0;
  }
}

/** Less room than this where the cache lives, after a batch was undone without a reason, means the disk filled. */
const NEARLY_FULL_BYTES = 1024 * 1024;

function freeBytesBeside(filePath: string): number {
  try {
    const stats = fs.statfsSync(path.dirname(filePath));
    return stats.bavail * stats.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function stoppedError(error: unknown, total: ImportSummary, nextLine: number, db: CacheDatabase): ImportStoppedError {
  const fault = classifyDatabaseError(error);
  // A batch SQLite undid after a service caught its error does not say why; a disk without room does.
  const diskFull = fault === 'disk_full' || (fault === 'write_undone' && freeBytesBeside(db.name) < NEARLY_FULL_BYTES);
  // The failed batch was rolled back; give the log's space back so the workspace works once there is room.
  const logEmptied = diskFull ? checkpointWal(db, 'TRUNCATE') : true;
  const cause = diskFull ? 'The disk is full' : (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
  const handled = total.applied + total.quarantined;
  const progress =
    handled === 0
      ? `${cause}, so nothing was applied.`
      : `${cause}. ${count(total.applied, 'record was', 'records were')} applied${total.quarantined > 0 ? ` (and ${count(total.quarantined, 'was', 'were')} quarantined)` : ''}` +
        ` before ${diskFull ? 'the disk filled' : 'the import stopped'}; the rest, from line ${nextLine.toLocaleString('en')}, ${handled === 1 ? 'was' : 'were'} not.`;
  const remedy = diskFull ? 'Free some space and run the same import again' : 'Run the same import again once that is fixed';
  const idempotent = handled === 0 ? '.' : ': records already applied are applied again to the same result, so nothing is doubled.';
  const log = logEmptied ? '' : ' (The cache\'s write-ahead log could not be emptied for lack of room; that happens by itself at the next write or exit once there is space.)';
  return new ImportStoppedError(`${progress} ${remedy}${idempotent}${log}`, total, nextLine, error);
}

function count(value: number, singular: string, plural: string): string {
  return `${value.toLocaleString('en')} ${value === 1 ? singular : plural}`;
}
