import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SupporterProfile } from '../../../shared/domain/supporterProfile';
import { neutralizeDisplayText } from '../../../shared/text/neutralizeDisplayText';
import { formatDate, formatMinutes, formatRelativeTime, formatTokens } from '../app/formatters';
import { FEATURE_LABELS, TIER_LABELS } from '../app/labels';

const FEATURE_COLOURS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)', 'var(--chart-5)'];

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

type Figure = [label: string, value: string];

/** Where the supporter spends and how they engage, per platform feature (SPEC §6). */
export function FeatureUsageCard({ profile }: { profile: SupporterProfile }) {
  const { chat, live, ppv, fanClub, events } = profile;
  const tokens = [
    { feature: FEATURE_LABELS.chat, tokens: chat.tokensSpent },
    { feature: FEATURE_LABELS.live, tokens: live.tokensSpent },
    { feature: FEATURE_LABELS.ppv, tokens: ppv.tokensSpent },
    { feature: FEATURE_LABELS.fan_club, tokens: fanClub.tokensSpent },
    { feature: FEATURE_LABELS.events, tokens: events.tokensSpent },
  ];
  const groups: { title: string; testId: string; figures: Figure[] }[] = [
    {
      title: 'Chat',
      testId: 'usage-chat',
      figures: [
        ['Messages sent', formatTokens(chat.messagesSent)],
        ['Tokens spent', formatTokens(chat.tokensSpent)],
        ['Average response time', formatMinutes(chat.avgResponseMinutes)],
        ['Last chat', formatRelativeTime(chat.lastChatAt)],
      ],
    },
    {
      title: 'Live streams',
      testId: 'usage-live',
      figures: [
        ['Streams attended', formatTokens(live.streamsAttended)],
        ['Gifts sent', formatTokens(live.giftsSent)],
        ['Tokens on gifts', formatTokens(live.tokensSpent)],
        ['Average watch time', formatMinutes(live.avgWatchMinutes)],
        ['Last attended', formatRelativeTime(live.lastAttendedAt)],
      ],
    },
    {
      title: 'Pay-per-view',
      testId: 'usage-ppv',
      figures: [
        ['Items purchased', formatTokens(ppv.itemsPurchased)],
        ['Tokens spent', formatTokens(ppv.tokensSpent)],
        ['Categories', ppv.categories.length > 0 ? describeCategories(ppv.categories) : '—'],
        ['Last purchase', formatRelativeTime(ppv.lastPurchaseAt)],
      ],
    },
    {
      title: 'Fan club',
      testId: 'usage-fan-club',
      figures: [
        ['Membership', fanClub.member ? `Member · ${fanClub.tier ? TIER_LABELS[fanClub.tier] : 'no tier'}` : fanClub.tier ? `Lapsed (${TIER_LABELS[fanClub.tier]})` : 'Not a member'],
        ['Joined', formatDate(fanClub.joinedAt)],
        ['Months', formatTokens(fanClub.months)],
        ['Tokens spent', formatTokens(fanClub.tokensSpent)],
      ],
    },
    {
      title: 'Events',
      testId: 'usage-events',
      figures: [
        ['Registered', formatTokens(events.registered)],
        ['Attended', formatTokens(events.attended)],
        ['Tokens spent', formatTokens(events.tokensSpent)],
        ['Last event', formatRelativeTime(events.lastEventAt)],
      ],
    },
  ];
  const anyTokens = tokens.some((row) => row.tokens > 0);
  return (
    <section className="card wide" aria-labelledby="usage-title">
      <h2 id="usage-title">Feature usage</h2>
      {anyTokens && (
        <figure className="chart" aria-label="Tokens spent per feature" data-testid="usage-chart">
          <ResponsiveContainer width="100%" height={150}>
            <BarChart data={tokens} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
              <XAxis type="number" tick={{ fill: 'var(--muted)', fontSize: 12 }} stroke="var(--border)" tickFormatter={(value: number) => compact.format(value)} />
              <YAxis type="category" dataKey="feature" width={64} tick={{ fill: 'var(--text)', fontSize: 12 }} stroke="var(--border)" />
              <Tooltip
                cursor={{ fill: 'var(--accent-soft)' }}
                contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)' }}
                formatter={(value) => [`${formatTokens(Number(value))} tokens`, 'Spent']}
              />
              <Bar dataKey="tokens" radius={[0, 4, 4, 0]} isAnimationActive={false}>
                {tokens.map((row, index) => (
                  <Cell key={row.feature} fill={FEATURE_COLOURS[index]} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
          <figcaption className="sr-only">{tokens.map((row) => `${row.feature}: ${formatTokens(row.tokens)} tokens`).join('; ')}</figcaption>
        </figure>
      )}
      <div className="usage-groups">
        {groups.map((group) => (
          <section key={group.title} className="usage-group" aria-label={group.title} data-testid={group.testId}>
            <h3>{group.title}</h3>
            <dl className="figures">
              {group.figures.map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </section>
  );
}

/** The platform's category names as words ("behind_the_scenes" → "behind the scenes"), so a long one wraps between words; outside text, neutralised. */
function describeCategories(categories: readonly string[]): string {
  return neutralizeDisplayText(categories.map((category) => category.replaceAll('_', ' ')).join(', '));
}
