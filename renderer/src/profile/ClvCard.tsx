import type { SupporterClv } from '../../../shared/domain/supporterProfile';
import { formatDateTime, formatTokens } from '../app/formatters';
import { routeStore } from '../app/routeStore';

const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * The customer-base model's outlook for one supporter: chance they are still an active buyer,
 * expected purchase days and tokens in the next 30 days, with the model's own plain-language
 * explanation; an honest "not enough data" otherwise.
 */
export function ClvCard({ clv }: { clv: SupporterClv | null }) {
  const openModel = () => routeStore.getState().navigate({ page: 'model' });
  return (
    <section className="card" aria-labelledby="clv-title" data-testid="clv-card">
      <h2 id="clv-title">Outlook (next 30 days)</h2>
      {clv === null ? (
        <p data-testid="clv-not-enough-data">
          Not enough data across your supporters to fit the purchase model yet. It needs at least 20 supporters who bought on two or more
          days.
        </p>
      ) : 'notEnoughData' in clv ? (
        <p data-testid="clv-not-enough-data">
          <strong>Not enough data.</strong> {clv.explanation}
        </p>
      ) : (
        <>
          <dl className="figures four" data-testid="clv-figures">
            <div>
              <dt>Chance still active</dt>
              <dd>{Math.round(clv.chanceActive * 100)}%</dd>
            </div>
            <div>
              <dt>Expected purchases</dt>
              <dd>{oneDecimal.format(clv.expectedPurchases30d)}</dd>
            </div>
            <div>
              <dt>Expected tokens</dt>
              <dd>{formatTokens(Math.round(clv.expectedTokens30d))}</dd>
            </div>
          </dl>
          <p data-testid="clv-explanation">{clv.explanation}</p>
        </>
      )}
      <p className="muted">
        {clv !== null && <>Model fitted {formatDateTime(clv.fittedAt)}. </>}
        <button type="button" className="button small" onClick={openModel}>
          How reliable is this?
        </button>
      </p>
    </section>
  );
}
