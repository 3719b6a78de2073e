import type { BestContactTime } from '../../../../shared/domain/supporterProfile';

export const MIN_CONTACT_ACTIVITIES = 10;

/**
 * SPEC §6 best contact time from a 7 × 24 (weekday × hour) count grid: the hour whose three-hour
 * window (h−1, h, h+1, wrapping at midnight) holds the most activity, the busiest weekday, and how
 * much of all activity that window holds. Ties go to the smallest index; under 10 activities → null.
 */
export function computeBestContactTime(grid: readonly (readonly number[])[], timezone: string): BestContactTime | null {
  const byHour = new Array<number>(24).fill(0);
  const byDay = new Array<number>(7).fill(0);
  let total = 0;
  grid.forEach((hours, day) => {
    hours.forEach((count, hour) => {
      byHour[hour] = (byHour[hour] as number) + count;
      byDay[day] = (byDay[day] as number) + count;
      total += count;
    });
  });
  if (total < MIN_CONTACT_ACTIVITIES) return null;
  let bestHour = 0;
  let bestWindow = -1;
  for (let hour = 0; hour < 24; hour += 1) {
    const window = (byHour[(hour + 23) % 24] as number) + (byHour[hour] as number) + (byHour[(hour + 1) % 24] as number);
    if (window > bestWindow) {
      bestWindow = window;
      bestHour = hour;
    }
  }
  let bestDay = 0;
  for (let day = 1; day < 7; day += 1) if ((byDay[day] as number) > (byDay[bestDay] as number)) bestDay = day;
  return { day: bestDay, hour: bestHour, confidence: Math.round((100 * bestWindow) / total), timezone };
}
