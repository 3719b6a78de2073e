import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SupporterProfile } from '../../../shared/domain/supporterProfile';
import { formatMonth, formatTokenAmount, formatTokens } from '../app/formatters';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Lifetime, 30-day, 7-day and monthly-average spend, and tokens per calendar month as a chart. */
export function SpendingCard({ spending }: { spending: SupporterProfile['spending'] }) {
  const data = spending.byMonth.map((row) => ({ month: formatMonth(row.month), tokens: row.tokens }));
  return (
    <section className="card" aria-labelledby="spending-title">
      <h2 id="spending-title">Spending</h2>
      <dl className="figures four" data-testid="spending-figures">
        <div>
          <dt>Lifetime</dt>
          <dd>{formatTokens(spending.lifetimeTokens)}</dd>
        </div>
        <div>
          <dt>Last 30 days</dt>
          <dd>{formatTokens(spending.monthlyTokens)}</dd>
        </div>
        <div>
          <dt>Last 7 days</dt>
          <dd>{formatTokens(spending.weeklyTokens)}</dd>
        </div>
        <div>
          <dt>Average per month</dt>
          <dd>{formatTokens(Math.round(spending.avgTokensPerMonth))}</dd>
        </div>
      </dl>
      {data.length === 0 ? (
        <p className="muted">No purchases yet.</p>
      ) : (
        <figure className="chart" aria-label="Tokens spent per month" data-testid="spending-chart">
          <ResponsiveContainer width="100%" height={190}>
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
              <XAxis dataKey="month" tick={{ fill: 'var(--muted)', fontSize: 12 }} stroke="var(--border)" />
              <YAxis width={44} tick={{ fill: 'var(--muted)', fontSize: 12 }} stroke="var(--border)" tickFormatter={(value: number) => compact.format(value)} />
              <Tooltip
                cursor={{ fill: 'var(--accent-soft)' }}
                contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)' }}
                formatter={(value) => [formatTokenAmount(Number(value)), 'Spent']}
              />
              <Bar dataKey="tokens" fill="var(--accent)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
          <figcaption className="sr-only">
            {data.map((row) => `${row.month}: ${formatTokens(row.tokens)} tokens`).join('; ')}
          </figcaption>
        </figure>
      )}
    </section>
  );
}
