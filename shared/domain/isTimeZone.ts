/** Whether `Intl` knows this IANA timezone name ("Europe/Lisbon"); "Mars/Base" and "" are not. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
