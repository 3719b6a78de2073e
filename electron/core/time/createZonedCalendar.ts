import { DAY_MS } from './timeUnits';

export interface ZonedParts {
  year: number;
  /** 1–12. */
  month: number;
  /** 0–6, Sunday = 0. */
  weekday: number;
  hour: number;
}

export interface ZonedCalendar {
  /** The zone actually used: the requested one, or UTC when the name is not a valid IANA zone. */
  timeZone: string;
  partsOf(at: number): ZonedParts;
  /** The local calendar day of an instant, as whole days since 1970-01-01 on the local calendar. */
  localDay(at: number): number;
}

/**
 * Local calendar fields of instants in an IANA time zone, with `Intl` doing the zone rules (DST
 * included). `formatToParts` is slow, so the UTC offset is looked up once per UTC day and reused
 * when it is the same at both ends of the day; on a day with a transition every instant is
 * looked up exactly.
 */
export function createZonedCalendar(timeZone: string): ZonedCalendar {
  let formatter: Intl.DateTimeFormat;
  let zone = timeZone;
  try {
    formatter = makeFormatter(timeZone);
  } catch {
    zone = 'UTC';
    formatter = makeFormatter('UTC');
  }
  const offsetAt = (at: number): number => {
    const parts = formatter.formatToParts(new Date(at));
    const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
    const localAsUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
    return localAsUtc - Math.floor(at / 1000) * 1000;
  };
  const dayOffsets = new Map<number, number | null>();
  const offsetFor = (at: number): number => {
    const day = Math.floor(at / DAY_MS);
    let offset = dayOffsets.get(day);
    if (offset === undefined) {
      const startOffset = offsetAt(day * DAY_MS);
      offset = startOffset === offsetAt((day + 1) * DAY_MS - 1) ? startOffset : null;
      dayOffsets.set(day, offset);
    }
    return offset ?? offsetAt(at);
  };
  return {
    timeZone: zone,
    partsOf(at) {
      const local = new Date(at + offsetFor(at));
      return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, weekday: local.getUTCDay(), hour: local.getUTCHours() };
    },
    localDay(at) {
      return Math.floor((at + offsetFor(at)) / DAY_MS);
    },
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
