/** The kernel's high-water mark of this process's resident memory in MB (worker threads included): no sampling gaps. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
