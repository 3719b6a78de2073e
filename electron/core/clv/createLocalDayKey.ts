import { MS_PER_DAY } from './summariseSupporterPurchases';

/**
 * A function giving the calendar day (a whole number, days since 1970-01-01 on the local calendar)
 * of an instant in an IANA time zone, so "same-day purchases merged" means the creator's day, not
 * UTC's. An unknown zone falls back to UTC.
 *
 * `Intl` is slow, so the UTC offset is looked up once per UTC day and reused when it is the same
 * at both ends of that day; on a day with a DST change every instant is looked up exactly.
 */
export function createLocalDayKey(timeZone: string): (at: number) => number {
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = makeFormatter(timeZone);
  } catch {
    formatter = makeFormatter('UTC');
  }
  const offsetAt = (at: number): number => {
    const parts = formatter.formatToParts(new Date(at));
    const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
    const localAsUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
    return localAsUtc - Math.floor(at / 1000) * 1000;
  };
  const dayOffsets = new Map<number, number | null>();
  return (at) => {
    const utcDay = Math.floor(at / MS_PER_DAY);
    let offset = dayOffsets.get(utcDay);
    if (offset === undefined) {
      const start = offsetAt(utcDay * MS_PER_DAY);
      offset = start === offsetAt((utcDay + 1) * MS_PER_DAY - 1) ? start : null;
      dayOffsets.set(utcDay, offset);
    }
    return Math.floor((at + (offset ?? offsetAt(at))) / MS_PER_DAY);
  };
}

function makeFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}
