import { useState } from 'react';
import type { SupporterProfile } from '../../../shared/domain/supporterProfile';
import { POTENTIAL_LABELS } from '../app/labels';
import { HandleText } from '../app/HandleText';
import { lastSeenText, OnlineDot, usePresenceAsOf } from '../app/OnlineDot';
import { SegmentBadge } from '../app/SegmentBadge';
import { WhyThisScore } from './WhyThisScore';

/** Who this is and how much they matter now: segment, probability, priority, and why. */
export function ProfileHeader({ profile }: { profile: SupporterProfile }) {
  const [explained, setExplained] = useState(false);
  const presenceAsOf = usePresenceAsOf();
  return (
    <header className="profile-header">
      <div className="profile-title">
        <OnlineDot online={profile.online} asOf={presenceAsOf} />
        <h1 data-testid="profile-handle">
          <HandleText handle={profile.handle} />
        </h1>
        <SegmentBadge segment={profile.segment} />
        <span className="muted" data-testid="profile-presence">
          {!profile.online ? 'Offline' : presenceAsOf ? lastSeenText(presenceAsOf) : 'Online now'}
        </span>
      </div>
      <dl className="headline-figures">
        <div>
          <dt>Conversion probability</dt>
          <dd data-testid="profile-probability">
            {profile.conversionProbability}%{' '}
            <span className={`badge potential potential-${profile.conversionPotential}`}>{POTENTIAL_LABELS[profile.conversionPotential]}</span>
          </dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd data-testid="profile-priority">
            {profile.priorityScore}
            <span className="muted"> / 150</span>
          </dd>
        </div>
      </dl>
      <button type="button" className="button" aria-expanded={explained} aria-controls="why-this-score" onClick={() => setExplained(!explained)}>
        {explained ? 'Hide' : 'Why this score?'}
      </button>
      {explained && <WhyThisScore id="why-this-score" profile={profile} />}
    </header>
  );
}
