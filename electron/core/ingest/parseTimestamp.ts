/** ISO-8601 with a zone (`Z` or `±hh:mm`), as the data contract requires (SPEC §1). */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
/** The shape the platform and our own output use; parsed by hand because it is on the ingest hot path. */
const UTC_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;

/** Epoch milliseconds, or null when the value is not a zoned ISO-8601 timestamp. */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const utc = UTC_SECONDS.exec(value);
  if (utc) {
    const month = Number(utc[2]);
    const day = Number(utc[3]);
    const hour = Number(utc[4]);
    const minute = Number(utc[5]);
    const second = Number(utc[6]);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
    const millis = utc[7] === undefined ? 0 : Number(utc[7].padEnd(3, '0'));
    return Date.UTC(Number(utc[1]), month - 1, day, hour, minute, second, millis);
  }
  if (!ISO_WITH_ZONE.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}
