import { useEffect } from 'react';
import { ErrorState } from '../app/ErrorState';
import { handleLabel } from '../app/HandleText';
import { Icon } from '../app/Icon';
import { routeStore } from '../app/routeStore';
import { inboxStore } from '../inbox/inboxStore';
import { MemoryCards } from '../memory/MemoryCards';
import { BestContactTimeCard } from './BestContactTimeCard';
import { ClvCard } from './ClvCard';
import { EngagementCard } from './EngagementCard';
import { FeatureUsageCard } from './FeatureUsageCard';
import { PatternsCard } from './PatternsCard';
import { ProfileActions } from './ProfileActions';
import { ProfileHeader } from './ProfileHeader';
import { profileStore } from './profileStore';
import { RecentActivityCard } from './RecentActivityCard';
import { SpendingCard } from './SpendingCard';

/**
 * One supporter, everything the engine knows about them, and what the creator can do next.
 * Identity fields never reach the renderer (they are stripped at ingest), and nothing here would
 * show them: every value on this page is named field by field from `SupporterProfile`.
 */
export function ProfileView({ supporterId }: { supporterId: string }) {
  const profile = profileStore((state) => (state.supporterId === supporterId ? state.profile : null));
  const status = profileStore((state) => state.status);
  const error = profileStore((state) => state.error);

  useEffect(() => {
    void profileStore.getState().load(supporterId);
  }, [supporterId]);

  const back = (
    <button type="button" className="button back" onClick={goBack} title="Back to the inbox (Esc)">
      <Icon name="back" size={14} /> Back
    </button>
  );
  if (status === 'error' && error && !profile) {
    return (
      <section className="profile" aria-label="Supporter profile">
        {back}
        <ErrorState title="Could not load this supporter" error={error} onRetry={() => void profileStore.getState().load(supporterId)} />
      </section>
    );
  }
  if (!profile) {
    return (
      <section className="profile" aria-label="Supporter profile" aria-busy="true">
        {back}
        <div className="state">Loading profile…</div>
      </section>
    );
  }
  return (
    <section className="profile" aria-label={`Profile of ${handleLabel(profile.handle)}`}>
      {back}
      <ProfileHeader profile={profile} />
      <ProfileActions profile={profile} />
      <MemoryCards profile={profile} />
      <div className="cards">
        <SpendingCard spending={profile.spending} />
        <PatternsCard patterns={profile.patterns} />
        <FeatureUsageCard profile={profile} />
        <EngagementCard engagement={profile.engagement} />
        <RecentActivityCard items={profile.recentActivity} />
        <BestContactTimeCard profile={profile} />
        <ClvCard clv={profile.clv} />
      </div>
    </section>
  );
}

function goBack() {
  // Back returns to wherever the creator came from (an alert, a tab); a direct link falls back to the inbox.
  if (history.length > 1) history.back();
  else routeStore.getState().navigate({ page: 'inbox', tab: inboxStore.getState().tab });
}
