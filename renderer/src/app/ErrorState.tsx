import type { ErrorView } from '../api/describeApiError';

/** The error state every view shares: what failed, why, and a retry where retrying can help. */
export function ErrorState({ title, error, onRetry }: { title: string; error: ErrorView; onRetry?: () => void }) {
  return (
    <div className="state error-state" role="alert" data-testid="error-state">
      <h2>{title}</h2>
      <p>{error.message}</p>
      {onRetry && error.retryable && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
