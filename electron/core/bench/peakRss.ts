import fs from 'node:fs';

/**
 * The kernel's high-water mark of this process's resident memory in MB (worker threads included):
 * no sampling gaps.
 *
 * On Linux it is read from `/proc/self/status` (`VmHWM`), not from `getrusage`: a child started by
 * `fork` + `exec` inherits in `getrusage`'s `ru_maxrss` the resident size its parent had when it
 * forked, so a cold-open process forked by a benchmark holding a gigabyte would report a gigabyte.
 * `VmHWM` belongs to the process's own address space, which `exec` starts afresh.
 */
export function peakRssMb(): number {
  const ownHighWaterKb = readOwnHighWaterKb();
  return Math.round((ownHighWaterKb ?? process.resourceUsage().maxRSS) / 1024);
}

function readOwnHighWaterKb(): number | null {
  let status: string;
  try {
    status = fs.readFileSync('/proc/self/status', 'utf8');
  } catch {
    return null;
  }
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  return match === null ? null : Number(match[1]);
}
