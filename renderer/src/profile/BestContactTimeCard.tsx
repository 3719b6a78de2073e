import type { SupporterProfile } from '../../../shared/domain/supporterProfile';
import { formatHour } from '../app/formatters';
import { WEEKDAY_NAMES, WEEKDAY_SHORT } from '../app/labels';
import { workspaceStore } from '../workspace/workspaceStore';
import { bestContactHours, confidenceWord, heatmapLevel, heatmapMax, heatmapTotal, weeklyTimeInZone, type WeeklyTime } from './heatmapScale';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/**
 * When to reach this supporter: the engine's best day and hour with its confidence and timezone,
 * over the weekday × hour heatmap it was computed from (last 90 days).
 */
export function BestContactTimeCard({ profile }: { profile: SupporterProfile }) {
  const best = profile.bestContactTime;
  const grid = profile.activityHeatmap;
  const max = heatmapMax(grid);
  const total = heatmapTotal(grid);
  const bestHours = best ? new Set(bestContactHours(best.hour)) : new Set<number>();
  const creatorZone = workspaceStore((state) => state.info?.creator?.timezone ?? null);
  // The creator plans in their own day: the supporter's hour read in the creator's zone comes first.
  const yours = best && creatorZone && creatorZone !== best.timezone ? weeklyTimeInZone(best.day, best.hour, best.timezone, creatorZone, Date.now()) : null;
  return (
    <section className="card wide" aria-labelledby="contact-title">
      <h2 id="contact-title">Best contact time</h2>
      {best ? (
        <p className="best-time" data-testid="best-contact-time">
          {yours && creatorZone ? (
            <>
              <strong data-testid="best-contact-time-yours">
                {describeWeekly(yours)} your time
              </strong>{' '}
              <span className="muted" data-testid="best-contact-time-theirs">
                ({WEEKDAY_NAMES[best.day]}s around {formatHour(best.hour)} for them, {best.timezone})
              </span>
            </>
          ) : (
            <>
              <strong data-testid="best-contact-time-yours">
                {WEEKDAY_NAMES[best.day]}s around {formatHour(best.hour)}
              </strong>{' '}
              <span className="muted">({best.timezone}{creatorZone === best.timezone ? ', your timezone too' : ''})</span>
            </>
          )}
          <span className={`badge confidence confidence-${confidenceWord(best.confidence).toLowerCase()}`} data-testid="best-contact-confidence">
            {best.confidence}% confidence · {confidenceWord(best.confidence)}
          </span>
        </p>
      ) : (
        <p className="best-time muted" data-testid="best-contact-time">
          Not enough data yet: best contact time needs at least 10 activities in the last 90 days.
        </p>
      )}
      {total > 0 && (
        <div
          className="heatmap"
          role="img"
          aria-label={`Activity by weekday and hour over the last 90 days, ${total} activities${best ? `; busiest around ${WEEKDAY_NAMES[best.day]} ${formatHour(best.hour)}` : ''}`}
          data-testid="activity-heatmap"
        >
          <span />
          {HOURS.map((hour) => (
            <span key={hour} className="heatmap-hour" aria-hidden="true">
              {hour % 3 === 0 ? hour : ''}
            </span>
          ))}
          {grid.map((row, day) => (
            <HeatmapRow key={day} day={day} row={row} max={max} bestDay={best?.day ?? null} bestHours={bestHours} />
          ))}
        </div>
      )}
      {total > 0 && (
        <div className="muted heatmap-legend" data-testid="heatmap-legend">
          {/* Swatches of the scale itself, so the legend is right in both themes (dark draws busier cells lighter). */}
          <span className="heatmap-scale" aria-hidden="true">
            Fewer
            {[0, 1, 2, 3, 4].map((level) => (
              <span key={level} className={`heatmap-cell level-${level}`} />
            ))}
            More
          </span>
          <span>
            {best ? 'Outlined: the best 3-hour window. ' : ''}Hours in {best?.timezone ?? 'the supporter’s timezone'}.
          </span>
        </div>
      )}
    </section>
  );
}

/** "Fridays around 12:00", "Wednesdays around 14:30". */
function describeWeekly(time: WeeklyTime): string {
  const clock = `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
  return `${WEEKDAY_NAMES[time.day] ?? ''}s around ${clock}`;
}

function HeatmapRow({ day, row, max, bestDay, bestHours }: { day: number; row: number[]; max: number; bestDay: number | null; bestHours: Set<number> }) {
  return (
    <>
      <span className={day === bestDay ? 'heatmap-day best' : 'heatmap-day'} aria-hidden="true">
        {WEEKDAY_SHORT[day]}
      </span>
      {HOURS.map((hour) => {
        const count = row[hour] ?? 0;
        const inWindow = day === bestDay && bestHours.has(hour);
        return (
          <span
            key={hour}
            className={`heatmap-cell level-${heatmapLevel(count, max)}${inWindow ? ' best' : ''}`}
            title={`${WEEKDAY_NAMES[day]} ${formatHour(hour)}: ${count} ${count === 1 ? 'activity' : 'activities'}`}
          />
        );
      })}
    </>
  );
}
