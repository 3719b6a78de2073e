import type { LogRange } from './platformCursor';

interface PendingWait {
  ranges: readonly LogRange[];
  timer: ReturnType<typeof setTimeout>;
  answer(hasMore: boolean): void;
}

/**
 * The long-polls of `GET /v1/changes/wait` that are waiting for records past their position. Each
 * is answered exactly once: as soon as records after its position exist, or with "nothing yet" when
 * its timeout passes; a client that goes away is forgotten with its timer, so abandoned waits hold
 * neither a timer nor a socket.
 */
export class PendingChangeWaits {
  private readonly waits = new Set<PendingWait>();
  private wakeScheduled: ReturnType<typeof setImmediate> | null = null;

  constructor(private readonly hasRecordsAfter: (ranges: readonly LogRange[]) => boolean) {}

  /** Registers a wait; returns the function that forgets it (for a client that disconnected). */
  add(ranges: readonly LogRange[], timeoutMs: number, answer: (hasMore: boolean) => void): () => void {
    const wait: PendingWait = {
      ranges,
      answer,
      timer: setTimeout(() => this.settle(wait, false), timeoutMs),
    };
    this.waits.add(wait);
    return () => this.forget(wait);
  }

  /**
   * Records were appended. Waits are answered on the next turn of the event loop rather than at
   * once, so a burst appended in one go (a live tick, a script) reaches the client as one page.
   */
  notifyAppended(): void {
    if (this.wakeScheduled !== null || this.waits.size === 0) return;
    this.wakeScheduled = setImmediate(() => {
      this.wakeScheduled = null;
      for (const wait of [...this.waits]) if (this.hasRecordsAfter(wait.ranges)) this.settle(wait, true);
    });
  }

  get size(): number {
    return this.waits.size;
  }

  /** On shutdown: every timer is cleared (the sockets are closed by the server). */
  clear(): void {
    for (const wait of this.waits) clearTimeout(wait.timer);
    this.waits.clear();
    if (this.wakeScheduled !== null) clearImmediate(this.wakeScheduled);
    this.wakeScheduled = null;
  }

  private settle(wait: PendingWait, hasMore: boolean): void {
    if (!this.forget(wait)) return;
    wait.answer(hasMore);
  }

  private forget(wait: PendingWait): boolean {
    clearTimeout(wait.timer);
    return this.waits.delete(wait);
  }
}
