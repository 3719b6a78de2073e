import type { SupporterProfile } from '../../../shared/domain/supporterProfile';
import { FEATURE_LABELS, RISK_LABELS, TREND_LABELS } from '../app/labels';

/** The engine's read of where this supporter is heading (SPEC §6 "Behavioural patterns"). */
export function PatternsCard({ patterns }: { patterns: SupporterProfile['patterns'] }) {
  return (
    <section className="card" aria-labelledby="patterns-title">
      <h2 id="patterns-title">Behavioural patterns</h2>
      <dl className="figures" data-testid="patterns">
        <div>
          <dt>Preferred features</dt>
          <dd>
            {patterns.preferredFeatures.length === 0
              ? 'None yet'
              : patterns.preferredFeatures.map((feature) => (
                  <span key={feature} className="badge chip">
                    {FEATURE_LABELS[feature]}
                  </span>
                ))}
          </dd>
        </div>
        <div>
          <dt>Spending trend</dt>
          <dd className={`trend trend-${patterns.spendingTrend}`}>{TREND_LABELS[patterns.spendingTrend]}</dd>
        </div>
        <div>
          <dt>Engagement trend</dt>
          <dd className={`trend trend-${patterns.engagementTrend}`}>{TREND_LABELS[patterns.engagementTrend]}</dd>
        </div>
        <div>
          <dt>Retention risk</dt>
          <dd>
            <span className={`badge risk risk-${patterns.retentionRisk}`}>{RISK_LABELS[patterns.retentionRisk]}</span>
          </dd>
        </div>
        <div>
          <dt>Likely to upgrade fan club</dt>
          <dd>{patterns.likelyToUpgradeFanClub ? 'Yes — their monthly spend covers the next tier' : 'No'}</dd>
        </div>
      </dl>
    </section>
  );
}
