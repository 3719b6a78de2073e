import { isTimeZone } from '../../../shared/domain/isTimeZone';
/**
 * Pure display formatting. Locale-dependent pieces use the runtime's locale except where a test or
 * a screenshot needs stable text (hours are always 24-hour "18:00", which reads the same everywhere).
 */
const numberFormat = new Intl.NumberFormat(undefined);
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatTokens(tokens: number): string {
  return numberFormat.format(tokens);
}

/** "1,234 tokens", "1 token". */
export function formatTokenAmount(tokens: number): string {
  return `${formatTokens(tokens)} ${tokens === 1 ? 'token' : 'tokens'}`;
}

/** An estimate, the one way the console words one: "≈ 1,234 tokens", "≈ 1 token". */
export function formatEstimatedTokens(tokens: number): string {
  return `≈ ${formatTokenAmount(tokens)}`;
}

/** "3 hours ago", "yesterday"…; `now` is passed in so lists render consistently. */
export function formatRelativeTime(iso: string | null, now = Date.now()): string {
  if (iso === null) return 'never';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '—';
  const seconds = (at - now) / 1000;
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * 86400],
    ['month', 30 * 86400],
    ['week', 7 * 86400],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

export function formatDateTime(iso: string | null): string {
  if (iso === null) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(iso: string | null): string {
  if (iso === null) return '—';
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

export function humanize(value: string): string {
  const text = value.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Percentages arrive as 0–100 numbers; null means "no basis to compute one". */
export function formatPercent(value: number | null): string {
  if (value === null) return '—';
  return `${Math.round(value)}%`;
}

/** 45 → "45 min", 125 → "2 h 5 min", 1500 → "1 d 1 h"; null → "—". */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '—';
  const total = Math.round(minutes);
  if (total < 60) return `${total} min`;
  if (total < 24 * 60) {
    const hours = Math.floor(total / 60);
    const rest = total % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  const days = Math.floor(total / (24 * 60));
  const hours = Math.round((total % (24 * 60)) / 60);
  return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
}

/** 0–23 → "09:00". */
export function formatHour(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** "2025-10" → "Oct 2025" (the engine's calendar months, already in the creator's timezone). */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return date.toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** "2 supporters", "1 supporter". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatTokens(count)} ${count === 1 ? singular : pluralForm}`;
}

/**
 * "available again at 18:40", or "… tomorrow at 09:15" when the day changes, rounded up to the
 * minute so the time said is never early. In the creator's timezone when it is given, as the
 * core's refusal says it: named ("at 18:40 (Europe/Lisbon)") when it is not this computer's, so a
 * row's hint and the refusal never show two different clocks.
 */
export function formatAvailableAgain(iso: string, now = Date.now(), creatorTimeZone: string | null = null): string {
  const here = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zone = creatorTimeZone !== null && isTimeZone(creatorTimeZone) ? creatorTimeZone : here;
  const at = Math.ceil(Date.parse(iso) / 60_000) * 60_000;
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).format(at);
  const day = (when: number) => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone }).format(when);
  return `available again ${day(at) === day(now) ? '' : 'tomorrow '}at ${time}${zone === here ? '' : ` (${zone})`}`;
}

