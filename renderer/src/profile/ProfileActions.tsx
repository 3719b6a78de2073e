import type { SupporterProfile } from '../../../shared/domain/supporterProfile';
import { CRM_ACTION_TYPES } from '../../../shared/domain/crmActions';
import { actionStore } from '../actions/actionStore';
import { describeWindow } from '../actions/describeImpact';
import { formatEstimatedTokens } from '../app/formatters';
import { ACTION_LABELS } from '../app/labels';
import { useActionsBlockedReason } from '../workspace/useActionsBlockedReason';
import { useActionPreviews } from './useActionPreviews';

/** Every CRM action for this one supporter, each with its expected impact (or why it is not possible now). */
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
              <span className="action-impact muted">
                {preview.state === 'loading'
                  ? 'Estimating…'
                  : preview.state === 'ready'
                    ? `${preview.impact.conversionProbability}% · ${formatEstimatedTokens(preview.impact.estimatedTokens)} · ${describeWindow(preview.impact.timeWindow)}`
                    : `Unavailable: ${unavailable}`}
              </span>
            </button>
          );
        })}
      </div>
    </section>
  );
}
