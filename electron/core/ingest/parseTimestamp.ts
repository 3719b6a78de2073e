/**
 * Timestamps of the data contract (SPEC §1): strict RFC 3339, `YYYY-MM-DDTHH:MM:SS[.fraction]`
 * and a zone, `Z` or `±HH:MM` (lower-case `t` and `z` too, as RFC 3339 allows). Rules where the
 * RFC leaves a choice (docs/data-contract.md, "Timestamps"):
 *
 * - Seconds are required and the fraction has 1–9 digits (down to nanoseconds); it is read to the
 *   millisecond by truncation, so an instant never moves into the next second, day or year.
 * - Accepted instants run from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z (UTC, after the
 *   offset). Nothing a creator's platform recorded can be older than the Unix epoch, and 9999 is
 *   the last year RFC 3339 can write.
 * - A leap second (`:60`) is accepted only where one was really inserted (the 27 of 1972–2016,
 *   23:59:60 UTC) and reads as the last millisecond of its day, 23:59:59.999Z, so it stays in its
 *   day and after every earlier instant.
 * - Calendar arithmetic is done here, never with `Date.UTC`, which reads years 0–99 as 1900–1999.
 */

/** 1970-01-01T00:00:00.000Z */
export const EARLIEST_TIMESTAMP_MS = 0;
/** 9999-12-31T23:59:59.999Z */
export const LATEST_TIMESTAMP_MS = 253_402_300_799_999;

/** Why a value is not an accepted timestamp. */
export type TimestampProblem = 'not_rfc3339' | 'no_such_time' | 'out_of_range';

/** UTC days (YYYYMMDD) whose last minute had a 61st second (IERS Bulletin C; none since 2016). */
const LEAP_SECOND_DAYS: ReadonlySet<number> = new Set([
  19720630, 19721231, 19731231, 19741231, 19751231, 19761231, 19771231, 19781231, 19791231, 19810630, 19820630, 19830630, 19850630, 19871231,
  19891231, 19901231, 19920630, 19930630, 19940630, 19951231, 19970630, 19981231, 20051231, 20081231, 20120630, 20150630, 20161231,
]);

const ZERO = 48;
const DAY_MS = 86_400_000;
const MAX_FRACTION_DIGITS = 9;

/** Epoch milliseconds, or null when the value is not an accepted RFC 3339 timestamp. */
export function parseTimestamp(value: unknown): number | null {
  const read = readTimestamp(value);
  return typeof read === 'number' ? read : null;
}

/** Why `parseTimestamp` refuses a value, or null when it accepts it. */
export function timestampProblem(value: unknown): TimestampProblem | null {
  const read = readTimestamp(value);
  return typeof read === 'number' ? null : read;
}

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
 * Read char by char, without a regular expression or a `Date`: this runs for every timestamp of
 * every record of every import and sync.
 */
function readTimestamp(value: unknown): number | TimestampProblem {
  if (typeof value !== 'string') return 'not_rfc3339';
  const text = value;
  const length = text.length;
  if (length < 20 || length > 20 + 1 + MAX_FRACTION_DIGITS + 5) return 'not_rfc3339';
  const separator = text[10];
  if (text[4] !== '-' || text[7] !== '-' || (separator !== 'T' && separator !== 't') || text[13] !== ':' || text[16] !== ':') return 'not_rfc3339';
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return 'not_rfc3339';

  let position = 19;
  let millis = 0;
  if (text[position] === '.') {
    let digits = 0;
    position += 1;
    while (position < length && digits < MAX_FRACTION_DIGITS + 1) {
      const digit = text.charCodeAt(position) - ZERO;
      if (digit < 0 || digit > 9) break;
      if (digits < 3) millis = millis * 10 + digit;
      digits += 1;
      position += 1;
    }
    if (digits === 0 || digits > MAX_FRACTION_DIGITS) return 'not_rfc3339';
    for (let padding = digits; padding < 3; padding += 1) millis *= 10;
  }

  let offsetMinutes = 0;
  const zone = text[position];
  if (zone === 'Z' || zone === 'z') {
    if (position + 1 !== length) return 'not_rfc3339';
  } else if (zone === '+' || zone === '-') {
    if (position + 6 !== length || text[position + 3] !== ':') return 'not_rfc3339';
    const offsetHour = digitsAt(text, position + 1, 2);
    const offsetMinute = digitsAt(text, position + 4, 2);
    if (offsetHour < 0 || offsetMinute < 0) return 'not_rfc3339';
    if (offsetHour > 23 || offsetMinute > 59) return 'no_such_time';
    offsetMinutes = (zone === '+' ? 1 : -1) * (offsetHour * 60 + offsetMinute);
  } else {
    return 'not_rfc3339';
  }

  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) return 'no_such_time';
  const local = daysFromCivil(year, month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000;
  let instant: number;
  if (second === 60) {
    // Where the 61st second falls once the offset is applied: it must be 23:59:60 UTC of a leap-second day.
    const lastWholeSecond = local + 59_000 - offsetMinutes * 60_000;
    const utcDay = Math.floor(lastWholeSecond / DAY_MS);
    if (lastWholeSecond - utcDay * DAY_MS !== DAY_MS - 1000 || !LEAP_SECOND_DAYS.has(civilNumberOf(utcDay))) return 'no_such_time';
    instant = lastWholeSecond + 999;
  } else {
    instant = local + second * 1000 + millis - offsetMinutes * 60_000;
  }
  if (instant < EARLIEST_TIMESTAMP_MS || instant > LATEST_TIMESTAMP_MS) return 'out_of_range';
  return instant;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function daysFromCivil(year: number, month: number, day: number): number {
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** YYYYMMDD of a day counted from 1970-01-01 (H. Hinnant's `civil_from_days`). */
function civilNumberOf(days: number): number {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 10_000 + month * 100 + day;
}
