import type { InboxEntry } from '../../../shared/domain/inboxEntry';
import type { CrmActionType } from '../../../shared/domain/crmActions';
import { actionStore } from '../actions/actionStore';
import { Icon, type IconName } from '../app/Icon';
import { handleLabel } from '../app/HandleText';
import { ACTION_LABELS } from '../app/labels';

/** The guide's three quick actions; the other two live on the profile. */
const QUICK_ACTIONS: { type: CrmActionType; icon: IconName }[] = [
  { type: 'dm_reminder', icon: 'message' },
  { type: 'invite_to_live', icon: 'video' },
  { type: 'offer_fan_club', icon: 'award' },
];

const UNAVAILABLE_REASON: Partial<Record<CrmActionType, string>> = {
  dm_reminder: 'already flagged or done in the last 24 hours',
  invite_to_live: 'no live stream is scheduled or running',
  offer_fan_club: 'no tier above their current one, or offered in the last 24 hours',
};

/**
 * Compact icon buttons: a disabled one says why in its tooltip, so the creator never clicks
 * into a refusal. Clicks never reach the row (which opens the profile).
 */
export function QuickActions({ entry, blockedReason }: { entry: InboxEntry; blockedReason: string | null }) {
  return (
    <div className="quick-actions" role="group" aria-label={`Quick actions for ${handleLabel(entry.handle)}`}>
      {QUICK_ACTIONS.map(({ type, icon }) => {
        const valid = entry.quickActions.includes(type);
        const why = blockedReason ?? (valid ? null : `Not available: ${UNAVAILABLE_REASON[type] ?? 'not valid now'}.`);
        return (
          <button
            key={type}
            type="button"
            className="icon-button quick-action"
            aria-label={ACTION_LABELS[type]}
            title={why ?? `${ACTION_LABELS[type]} — shows the expected impact before anything happens`}
            disabled={why !== null}
            onClick={(event) => {
              event.stopPropagation();
              void actionStore.getState().open({ supporterId: entry.supporterId, handle: entry.handle, type });
            }}
          >
            <Icon name={icon} />
          </button>
        );
      })}
    </div>
  );
}
