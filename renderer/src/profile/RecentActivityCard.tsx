import type { RecentActivityItem } from '../../../shared/domain/supporterProfile';
import { formatDateTime, formatRelativeTime, formatTokenAmount } from '../app/formatters';
import { Icon } from '../app/Icon';
import { ACTIVITY_ICONS, ACTIVITY_LABELS } from '../app/labels';

/** The supporter's own latest activity, newest first, as a timeline. */
export function RecentActivityCard({ items }: { items: RecentActivityItem[] }) {
  const now = Date.now();
  return (
    <section className="card" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent activity</h2>
      {items.length === 0 ? (
        <p className="muted">No activity yet.</p>
      ) : (
        // Scrolls on its own, so it takes keyboard focus (arrow keys scroll it).
        <ol className="timeline" data-testid="recent-activity" tabIndex={0} aria-label="Recent activity, newest first">
          {items.map((item, index) => (
            <li key={`${item.at}-${index}`}>
              <span className="timeline-icon" aria-hidden="true">
                <Icon name={ACTIVITY_ICONS[item.type]} size={14} />
              </span>
              <span className="timeline-text">
                {ACTIVITY_LABELS[item.type]}
                {item.tokens > 0 && <span className="timeline-tokens"> · {formatTokenAmount(item.tokens)}</span>}
              </span>
              <time className="muted" dateTime={item.at} title={formatDateTime(item.at)}>
                {formatRelativeTime(item.at, now)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
