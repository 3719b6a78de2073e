/** ISO-8601 with a zone (`Z` or `±hh:mm`), as the data contract requires (SPEC §1). */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const ZERO = 48;

/** The value of `length` ASCII digits at `start`, or -1 if any is not a digit. */
function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let index = start; index < start + length; index += 1) {
    const digit = text.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * `YYYY-MM-DDTHH:MM:SS[.f{1,3}]Z`, the shape the platform and our own output use, read char by
 * char: this runs for every record of every import and sync. Null when it has that shape but a
 * part is out of range (hour 24, month 13), undefined for any other shape.
 */
function parseUtcSeconds(text: string): number | null | undefined {
  const length = text.length;
  if (length < 20 || length > 24 || text.charCodeAt(length - 1) !== 90 /* Z */) return undefined;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  let millis = 0;
  if (length > 20) {
    const fraction = length - 21;
    if (text[19] !== '.' || fraction < 1) return undefined;
    millis = digitsAt(text, 20, fraction);
    if (millis < 0) return undefined;
    millis *= fraction === 1 ? 100 : fraction === 2 ? 10 : 1;
  }
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return null;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis);
}

/** Epoch milliseconds, or null when the value is not a zoned ISO-8601 timestamp. */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const utc = parseUtcSeconds(value);
  if (utc !== undefined) return utc;
  if (!ISO_WITH_ZONE.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}
