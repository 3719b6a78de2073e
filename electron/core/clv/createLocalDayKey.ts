import { createZonedCalendar } from '../time/createZonedCalendar';

/**
 * A function giving the calendar day (days since 1970-01-01 on the local calendar) of an instant in
 * an IANA time zone, so "same-day purchases merged" means the creator's day, not UTC's. An unknown
 * zone falls back to UTC. The zone rules (DST included) are the zoned calendar the engine uses too.
 */
export function createLocalDayKey(timeZone: string): (at: number) => number {
  const calendar = createZonedCalendar(timeZone);
  return (at) => calendar.localDay(at);
}
