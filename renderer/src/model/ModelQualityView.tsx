import { useEffect } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BacktestBin, HotLeadPrecision, ModelParameters, ModelQuality } from '../../../shared/domain/modelQuality';
import { ErrorState } from '../app/ErrorState';
import { formatDate, formatDateTime, formatEstimatedTokens, formatTokens, plural } from '../app/formatters';
import { modelQualityStore } from './modelQualityStore';
import { modelVerdict, RELIABLE_WITHIN, ROUGH_GUIDE_WITHIN } from './modelVerdict';

const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const threeDigits = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

/**
 * Route `model`: how far the creator can trust the customer-base models (chance still active,
 * expected purchases and tokens). Shows the fitted parameters in plain words, a backtest on the
 * creator's own data (fit up to 30 days ago, compare with what happened since) and how last
 * week's Hot Leads turned out.
 */
export function ModelQualityView() {
  const { quality, status, error, refitting } = modelQualityStore();
  useEffect(() => {
    void modelQualityStore.getState().load();
  }, []);

  const toolbar = (
    <div className="page-toolbar">
      <h1 id="model-title">Model quality</h1>
      {quality && (
        <span className="muted" data-testid="model-fitted-at">
          Fitted {formatDateTime(quality.fittedAt)}
        </span>
      )}
      <button type="button" className="button" disabled={refitting || status === 'loading'} onClick={() => void modelQualityStore.getState().refit()}>
        {refitting ? 'Refitting…' : 'Refit now'}
      </button>
    </div>
  );

  let body;
  if (status === 'error' && error && !quality) {
    body = <ErrorState title="Could not load the model report" error={error} onRetry={() => void modelQualityStore.getState().load()} />;
  } else if (!quality) {
    body = (
      <div className="state" aria-busy="true">
        Fitting the models on your supporters…
      </div>
    );
  } else {
    body = <Report quality={quality} />;
  }

  return (
    <section className="model" aria-labelledby="model-title" data-testid="model-quality">
      {toolbar}
      {status === 'error' && error && quality && (
        <p role="alert" className="muted">
          Could not refresh the report: {error.message}
        </p>
      )}
      <p className="muted" style={{ maxWidth: '72ch' }}>
        Every day the console learns from your supporters’ purchase history (a purchase is a day they spent tokens) how often each
        of them buys, how likely they are to have stopped, and how much they spend per purchase. Those models give each profile its
        “chance still active” and 30-day forecast. This page checks them against what really happened.
      </p>
      {body}
    </section>
  );
}

function Report({ quality }: { quality: ModelQuality }) {
  return (
    <div className="cards">
      {quality.parameters === null ? (
        <section className="card wide" aria-labelledby="model-status-title" data-testid="model-not-enough-data">
          <h2 id="model-status-title">Not enough data yet</h2>
          <p>The models need at least 20 supporters who bought on two or more days before they can say anything reliable.</p>
          {quality.detail && <p className="muted">Right now: {quality.detail}.</p>}
        </section>
      ) : (
        <ParametersCard parameters={quality.parameters} />
      )}
      <FitCard quality={quality} />
      <BacktestCard backtest={quality.backtest} />
      <HotLeadsCard precision={quality.hotLeadPrecision} />
      <VerdictCard quality={quality} />
    </div>
  );
}

function ParametersCard({ parameters }: { parameters: ModelParameters }) {
  const { bgnbd, gammaGamma } = parameters;
  const daysBetween = bgnbd.alpha / bgnbd.r;
  const dropOut = bgnbd.a / (bgnbd.a + bgnbd.b);
  const meanSpend = gammaGamma.q > 1 ? (gammaGamma.p * gammaGamma.gamma) / (gammaGamma.q - 1) : null;
  return (
    <section className="card" aria-labelledby="model-parameters-title">
      <h2 id="model-parameters-title">What the models learned</h2>
      <ul data-testid="model-explanation">
        <li>While active, a typical supporter buys about every {Math.round(daysBetween)} days.</li>
        <li>After each purchase, about {Math.round(dropOut * 100)}% stop buying for good.</li>
        {meanSpend !== null && <li>A purchase day brings {formatEstimatedTokens(Math.round(meanSpend))} on average.</li>}
      </ul>
      <dl className="figures" data-testid="model-parameters">
        <div>
          <dt>Purchase model (BG/NBD, days)</dt>
          <dd>
            r = {threeDigits.format(bgnbd.r)}, α = {threeDigits.format(bgnbd.alpha)}, a = {threeDigits.format(bgnbd.a)}, b = {threeDigits.format(bgnbd.b)}
          </dd>
        </div>
        <div>
          <dt>Log-likelihood</dt>
          <dd>{twoDecimals.format(bgnbd.logLikelihood)}</dd>
        </div>
        <div>
          <dt>Spend model (gamma-gamma, tokens)</dt>
          <dd>
            p = {threeDigits.format(gammaGamma.p)}, q = {threeDigits.format(gammaGamma.q)}, γ = {threeDigits.format(gammaGamma.gamma)}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function FitCard({ quality }: { quality: ModelQuality }) {
  return (
    <section className="card" aria-labelledby="model-fit-title">
      <h2 id="model-fit-title">Latest fit</h2>
      <dl className="figures" data-testid="model-fit">
        <div>
          <dt>Fitted</dt>
          <dd>{formatDateTime(quality.fittedAt)}</dd>
        </div>
        <div>
          <dt>Supporters with a purchase</dt>
          <dd>{formatTokens(quality.supportersFitted)}</dd>
        </div>
        <div>
          <dt>Of those, bought on 2+ days</dt>
          <dd>{formatTokens(quality.repeatSupporters)}</dd>
        </div>
        <div>
          <dt>Model fit time</dt>
          <dd>{formatTokens(Math.round(quality.fitMs))} ms</dd>
        </div>
        <div>
          <dt>Whole refit (read, fit, checks, save)</dt>
          <dd>{formatTokens(Math.round(quality.refitMs))} ms</dd>
        </div>
      </dl>
      <p className="muted">The models are refitted every day after the supporter segmentation, or now with “Refit now”.</p>
    </section>
  );
}

function BacktestCard({ backtest }: { backtest: ModelQuality['backtest'] }) {
  if (!('bins' in backtest)) {
    return (
      <section className="card wide" aria-labelledby="model-backtest-title">
        <h2 id="model-backtest-title">Backtest: last 30 days</h2>
        <p data-testid="model-backtest-empty">
          Not enough purchase history before {formatDate(backtest.cutoff)} to test the models on the 30 days since ({backtest.detail}).
        </p>
      </section>
    );
  }
  const { bins, cutoff } = backtest;
  const predicted = sum(bins, (bin) => bin.customers * bin.predictedMean);
  const actual = sum(bins, (bin) => bin.customers * bin.actualMean);
  const data = bins.map((bin) => ({ label: bin.x, actual: round2(bin.actualMean), predicted: round2(bin.predictedMean), customers: bin.customers }));
  return (
    <section className="card wide" aria-labelledby="model-backtest-title">
      <h2 id="model-backtest-title">Backtest: last 30 days</h2>
      <p data-testid="model-backtest-summary">
        We fitted the purchase model on everything up to {formatDate(cutoff)} and asked it how many purchase days each supporter
        would have in the 30 days after. It expected {formatTokens(Math.round(predicted))} in total; {formatTokens(Math.round(actual))}{' '}
        happened{actual > 0 ? ` (${describeGap(predicted, actual)})` : ''}. Below, supporters are grouped by how many times they had
        come back to buy before {formatDate(cutoff)}.
      </p>
      <figure className="chart" aria-label="Predicted and actual purchase days per supporter, by earlier repeat purchases" data-testid="model-backtest-chart">
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 16, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
            <XAxis
              dataKey="label"
              tick={{ fill: 'var(--muted)', fontSize: 12 }}
              stroke="var(--border)"
              label={{ value: 'Repeat purchase days before the cutoff', position: 'insideBottom', offset: -8, fill: 'var(--muted)', fontSize: 12 }}
            />
            <YAxis width={44} tick={{ fill: 'var(--muted)', fontSize: 12 }} stroke="var(--border)" />
            <Tooltip
              cursor={{ fill: 'var(--accent-soft)' }}
              contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)' }}
            />
            <Legend verticalAlign="top" height={24} />
            <Bar dataKey="actual" name="Actual (mean per supporter)" fill="var(--accent)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
            <Line dataKey="predicted" name="Predicted (mean per supporter)" stroke="var(--high)" strokeWidth={2} dot isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
      <table className="data-table" data-testid="model-backtest-table">
        <caption className="sr-only">Mean purchase days per supporter in the 30 days after {formatDate(cutoff)}</caption>
        <thead>
          <tr>
            <th scope="col">Earlier repeat purchases</th>
            <th scope="col" className="number">
              Supporters
            </th>
            <th scope="col" className="number">
              Predicted
            </th>
            <th scope="col" className="number">
              Actual
            </th>
          </tr>
        </thead>
        <tbody>
          {bins.map((bin) => (
            <BinRow key={bin.x} bin={bin} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function BinRow({ bin }: { bin: BacktestBin }) {
  return (
    <tr>
      <th scope="row">{bin.x}</th>
      <td className="number">{formatTokens(bin.customers)}</td>
      <td className="number">{twoDecimals.format(bin.predictedMean)}</td>
      <td className="number">{twoDecimals.format(bin.actualMean)}</td>
    </tr>
  );
}

function HotLeadsCard({ precision }: { precision: HotLeadPrecision | null }) {
  return (
    <section className="card" aria-labelledby="model-hot-leads-title">
      <h2 id="model-hot-leads-title">Last week’s Hot Leads</h2>
      {precision === null ? (
        <p data-testid="hot-lead-precision">Nobody was a Hot Lead a week ago, so there is nothing to check yet.</p>
      ) : (
        <>
          <dl className="figures four">
            <div>
              <dt>Precision</dt>
              <dd data-testid="hot-lead-precision-value">{Math.round(precision.precision * 100)}%</dd>
            </div>
          </dl>
          <p data-testid="hot-lead-precision">
            {formatTokens(precision.spentInFollowing7Days)} of the {plural(precision.hotLeadsLastWeek, 'Hot Lead')} from a week ago spent tokens in
            the 7 days since.{' '}
            <span className="muted">Each was scored by the engine as of that moment, seeing only what was known then.</span>
          </p>
        </>
      )}
    </section>
  );
}

/** The page's last word, in plain words (thresholds in modelVerdict.ts and docs/engine-rules.md). */
function VerdictCard({ quality }: { quality: ModelQuality }) {
  const verdict = modelVerdict(quality);
  return (
    <section className={`card wide verdict verdict-${verdict.tone}`} aria-labelledby="model-verdict-title">
      <h2 id="model-verdict-title">Verdict</h2>
      <p data-testid="model-verdict">{verdict.text}</p>
      <p className="muted">
        Reliable: the purchase days the model expected in the last 30 days are within {Math.round(RELIABLE_WITHIN * 100)} % of those that happened; a rough guide: within{' '}
        {Math.round(ROUGH_GUIDE_WITHIN * 100)} %.
      </p>
    </section>
  );
}

function sum(bins: readonly BacktestBin[], value: (bin: BacktestBin) => number): number {
  return bins.reduce((total, bin) => total + value(bin), 0);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function describeGap(predicted: number, actual: number): string {
  const gap = predicted / actual - 1;
  if (Math.abs(gap) < 0.005) return 'spot on';
  return `${Math.abs(Math.round(gap * 100))}% ${gap > 0 ? 'over' : 'under'}`;
}
