import fs from 'node:fs';
import path from 'node:path';

/**
 * Moves a damaged cache (and its WAL and shared-memory files) into `damaged/` beside it, named by
 * time, so nothing is deleted and the app can start on a fresh cache. Returns where it went.
 */
export function moveDamagedCacheAside(cachePath: string, now: number): string {
  const folder = path.join(path.dirname(cachePath), 'damaged');
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stamp = new Date(now).toISOString().replaceAll(':', '-');
  const target = path.join(folder, `${path.basename(cachePath, '.sqlite')}-${stamp}.sqlite`);
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (fs.existsSync(cachePath + suffix)) fs.renameSync(cachePath + suffix, target + suffix);
  }
  return target;
}
