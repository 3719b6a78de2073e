/** The quick choices for "Remind me" and "Snooze" (issue 20), in the computer's own time zone. */
export const REMINDER_PRESETS = ['in_3_hours', 'tonight', 'tomorrow', 'next_week'] as const;
export type ReminderPreset = (typeof REMINDER_PRESETS)[number];

export const PRESET_LABELS: Record<ReminderPreset, string> = {
  in_3_hours: 'In 3 hours',
  tonight: 'Tonight',
  tomorrow: 'Tomorrow',
  next_week: 'Next week',
};

const HOUR_MS = 3_600_000;
/** "Tonight" is 20:00; it is offered until 19:00, so it is always at least an hour away. */
const TONIGHT_HOUR = 20;
/** "Tomorrow" and "next week" start the working day at 09:00. */
const MORNING_HOUR = 9;

function atLocalHour(day: Date, hour: number): Date {
  const at = new Date(day);
  at.setHours(hour, 0, 0, 0);
  return at;
}

/**
 * The time a preset means at `now`, or null when it does not apply (tonight, after 19:00):
 * in 3 hours; tonight at 20:00; tomorrow at 09:00; next week = the next Monday at 09:00 (a week
 * ahead on a Monday). Calendar days, so a daylight-saving change keeps "09:00" at 09:00.
 */
export function presetTime(preset: ReminderPreset, now: Date): Date | null {
  switch (preset) {
    case 'in_3_hours':
      return new Date(now.getTime() + 3 * HOUR_MS);
    case 'tonight': {
      const tonight = atLocalHour(now, TONIGHT_HOUR);
      return tonight.getTime() - now.getTime() >= HOUR_MS ? tonight : null;
    }
    case 'tomorrow': {
      const tomorrow = new Date(now);
      tomorrow.setDate(now.getDate() + 1);
      return atLocalHour(tomorrow, MORNING_HOUR);
    }
    case 'next_week': {
      const monday = new Date(now);
      // getDay(): Sunday 0 … Saturday 6; days until the next Monday, 7 on a Monday.
      monday.setDate(now.getDate() + (((8 - now.getDay()) % 7) || 7));
      return atLocalHour(monday, MORNING_HOUR);
    }
  }
}

/** A `<input type="datetime-local">` value ("2026-03-04T18:30", local time) as an ISO instant, or null. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}
