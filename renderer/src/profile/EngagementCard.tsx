import type { SupporterProfile } from '../../../shared/domain/supporterProfile';
import { formatMinutes, formatPercent, formatTokens } from '../app/formatters';

/** How the supporter responds to the creator (SPEC §6 "Engagement"); "—" where there is nothing to measure yet. */
export function EngagementCard({ engagement }: { engagement: SupporterProfile['engagement'] }) {
  return (
    <section className="card" aria-labelledby="engagement-title">
      <h2 id="engagement-title">Engagement</h2>
      <dl className="figures" data-testid="engagement-figures">
        <div>
          <dt>Live attendance rate</dt>
          <dd>
            <Meter value={engagement.liveAttendanceRate} label="Live attendance rate" />
            {formatPercent(engagement.liveAttendanceRate)}
          </dd>
        </div>
        <div>
          <dt>DM response rate</dt>
          <dd>
            <Meter value={engagement.dmResponseRate} label="DM response rate" />
            {formatPercent(engagement.dmResponseRate)}
          </dd>
        </div>
        <div>
          <dt>Average DM response time</dt>
          <dd>{formatMinutes(engagement.avgDmResponseMinutes)}</dd>
        </div>
        <div>
          <dt>Conversation starters</dt>
          <dd>{formatTokens(engagement.conversationStarters)}</dd>
        </div>
      </dl>
    </section>
  );
}

function Meter({ value, label }: { value: number | null; label: string }) {
  if (value === null) return null;
  return <meter className="rate-meter" min={0} max={100} value={value} aria-label={label} />;
}
