/**
 * Requests that do a whole workspace's work in one answer: a full re-segmentation, a sync run
 * (pages of 5,000 records until the platform has nothing new), a model refit. At 100,000
 * supporters they take seconds to minutes, so their limit only catches a host that stopped.
 */
const LONG_REQUESTS: ReadonlySet<string> = new Set(['segmentation.run', 'sync.now', 'model.quality']);

export const REQUEST_TIMEOUT_MS = 30_000;
export const LONG_REQUEST_TIMEOUT_MS = 15 * 60_000;

/**
 * How long a caller waits for an answer before it is told the console did not answer. Every
 * other request is a read or a single write that answers in milliseconds; 30 s means the other
 * side is stuck, not busy.
 */
export function requestTimeoutMs(name: string): number {
  return LONG_REQUESTS.has(name) ? LONG_REQUEST_TIMEOUT_MS : REQUEST_TIMEOUT_MS;
}
