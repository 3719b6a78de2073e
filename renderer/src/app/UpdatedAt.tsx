import { useEffect, useState } from 'react';
import { formatRelativeTime } from './formatters';

/** "Updated just now", kept fresh by a slow tick so the creator can trust what they see. */
export function UpdatedAt({ at, testId }: { at: number; testId: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <span className="muted updated-at" data-testid={testId} title={new Date(at).toLocaleString()}>
      Updated {formatRelativeTime(new Date(at).toISOString(), Math.max(now, at))}
    </span>
  );
}
