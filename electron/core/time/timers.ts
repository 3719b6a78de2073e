/** Timers a long-running host injects into its schedulers, so tests drive time themselves. */
export interface Timers {
  setTimeout: (callback: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimeout: (handle: ReturnType<typeof setTimeout>) => void;
}
