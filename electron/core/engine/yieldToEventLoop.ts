/**
 * Resolves after the event loop has had a turn (timers, I/O, incoming worker messages); a resolved
 * promise would not do, since microtasks run before any of those. What a long-running host awaits
 * between slices of long work so its other requests are answered meanwhile.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
