import fs from 'node:fs';
import { OutboxStore } from './outboxStore';

/**
 * The workspace's outbox file (`outbox.sqlite` beside the cache), owned by the core: opened on
 * first use, so a workspace that never queued an action has no such file, and closed with the core.
 */
export class WorkspaceOutbox {
  private opened: OutboxStore | null = null;

  constructor(private readonly dataDir: string) {}

  /** The outbox, opened (and created) on first use. */
  open(): OutboxStore {
    this.opened ??= OutboxStore.open(this.dataDir);
    return this.opened;
  }

  /** Whether the file exists (a workspace that never queued an action has none). */
  exists(): boolean {
    return this.opened !== null || fs.existsSync(OutboxStore.filePath(this.dataDir));
  }

  /** Actions waiting for the platform; 0 without creating the file when there is none. */
  pendingCount(): number {
    return this.exists() ? this.open().pendingCount() : 0;
  }

  close(): void {
    this.opened?.close();
    this.opened = null;
  }
}
