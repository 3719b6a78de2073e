import { useEffect } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTokens, humanize } from '../app/formatters';
import { routeStore } from '../app/routeStore';
import { SegmentBadge } from '../app/segmentBadge';
import { profileStore } from './profileStore';

export function ProfileView({ supporterId }: { supporterId: string }) {
  const { profile, status, error } = profileStore();
  const navigate = routeStore((state) => state.navigate);

  useEffect(() => {
    void profileStore.getState().load(supporterId);
  }, [supporterId]);

  const back = (
    <button className="button" onClick={() => history.length > 1 ? history.back() : navigate({ page: 'inbox', tab: 'vip' })}>
      ← Back
    </button>
  );
  if (status === 'error') {
    return (
      <section className="profile" aria-label="Supporter profile">
        {back}
        <div className="state error-state" role="alert">
          <p>Could not load this supporter: {error}</p>
          <button className="button" onClick={() => void profileStore.getState().load(supporterId)}>
            Try again
          </button>
        </div>
      </section>
    );
  }
  if (!profile) {
    return (
      <section className="profile" aria-busy="true">
        {back}
        <div className="state">Loading…</div>
      </section>
    );
  }
  return (
    <section className="profile" aria-label={`Profile of ${profile.handle}`}>
      {back}
      <header className="profile-header">
        <h1>{profile.handle}</h1>
        <SegmentBadge segment={profile.segment} />
        <span className={profile.online ? 'online-dot online' : 'online-dot'} aria-label={profile.online ? 'online' : 'offline'} />
        <span className={`badge potential-${profile.conversionPotential}`}>
          {profile.conversionProbability}% · {humanize(profile.conversionPotential)}
        </span>
        <span className="badge">Priority {profile.priorityScore}</span>
      </header>
      <div className="cards">
        <div className="card">
          <h2>Spending</h2>
          <dl className="figures">
            <dt>Lifetime</dt>
            <dd>{formatTokens(profile.spending.lifetimeTokens)}</dd>
            <dt>Last 30 days</dt>
            <dd>{formatTokens(profile.spending.monthlyTokens)}</dd>
            <dt>Last 7 days</dt>
            <dd>{formatTokens(profile.spending.weeklyTokens)}</dd>
          </dl>
          <div className="chart" aria-label="Tokens per month">
            <ResponsiveContainer width="100%" height={180}>
              <BarChart data={profile.spending.byMonth}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="month" />
                <YAxis />
                <Tooltip />
                <Bar dataKey="tokens" fill="var(--accent)" />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </div>
      </div>
    </section>
  );
}
