import type { SupporterProfile } from '../../../shared/domain/supporterProfile';
import { CRM_ACTION_TYPES } from '../../../shared/domain/crmActions';
import { impactBasisText } from '../../../shared/domain/impactBasisText';
import { actionStore } from '../actions/actionStore';
import { describeWindow } from '../actions/describeImpact';
import { formatEstimatedTokens } from '../app/formatters';
import { ACTION_DESCRIPTIONS, ACTION_LABELS } from '../app/labels';
import { useActionsBlockedReason } from '../workspace/useActionsBlockedReason';
import { useActionPreviews } from './useActionPreviews';

/**
 * Every CRM action for this one supporter: what it does, its expected impact and where that comes
 * from ("based on your last 37 live invites" once the creator's own results count, SPEC §12), or
 * why it is not possible now.
 */
export function ProfileActions({ profile }: { profile: SupporterProfile }) {
  const previews = useActionPreviews(profile.supporterId, profile);
  const blockedReason = useActionsBlockedReason();
  return (
    <section className="profile-actions" aria-label="Actions">
      {blockedReason && (
        <p className="muted" role="note">
          {blockedReason}
        </p>
      )}
      <div className="action-cards">
        {CRM_ACTION_TYPES.map((type) => {
          const preview = previews[type];
          const unavailable = preview.state === 'unavailable' ? preview.problem.message : null;
          return (
            <button
              key={type}
              type="button"
              className="action-card"
              data-testid={`profile-action-${type}`}
              disabled={blockedReason !== null || preview.state !== 'ready'}
              title={blockedReason ?? unavailable ?? undefined}
              onClick={() => void actionStore.getState().open({ supporterId: profile.supporterId, handle: profile.handle, type })}
            >
              <span className="action-name">{ACTION_LABELS[type]}</span>
              <span className="action-purpose muted">{ACTION_DESCRIPTIONS[type]}</span>
              <span className="action-impact" data-testid="action-impact">
                {preview.state === 'loading'
                  ? 'Estimating…'
                  : preview.state === 'ready'
                    ? `${preview.impact.conversionProbability}% · ${formatEstimatedTokens(preview.impact.estimatedTokens)} · ${describeWindow(preview.impact.timeWindow)}`
                    : `Unavailable: ${unavailable}`}
              </span>
              {preview.state === 'ready' && (
                <span className="action-basis muted" data-testid="action-basis">
                  {impactBasisText(type, preview.impact)}
                </span>
              )}
            </button>
          );
        })}
      </div>
    </section>
  );
}
