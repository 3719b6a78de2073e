import fs from 'node:fs';
import type { OutboxRecoveryReport } from '../../../shared/contract/apiTypes';
import { OutboxStore } from './outboxStore';

/** Opens the outbox file; a damaged one is salvaged as it opens, and the report says what was kept. */
export type OutboxOpener = () => { outbox: OutboxStore; recovery: OutboxRecoveryReport | null };

/**
 * The workspace's outbox file (`outbox.sqlite` beside the cache), owned by the core: opened on
 * first use, so a workspace that never queued an action has no such file, and closed with the core.
 */
export class WorkspaceOutbox {
  private opened: OutboxStore | null = null;
  /** What salvaging a damaged outbox did when it was opened, if it had to: for the host to say so. */
  private recovery: OutboxRecoveryReport | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly openWithRecovery: OutboxOpener = () => ({ outbox: OutboxStore.open(dataDir), recovery: null }),
  ) {}

  /** The outbox, opened (and created, or salvaged when damaged) on first use. */
  open(): OutboxStore {
    if (this.opened === null) {
      const { outbox, recovery } = this.openWithRecovery();
      this.opened = outbox;
      this.recovery = recovery;
    }
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

  /** Memory changes waiting for the platform; 0 without creating the file when there is none. */
  pendingMemoryCount(): number {
    return this.exists() ? this.open().pendingMemoryCount() : 0;
  }

  /** Opens an existing outbox now (salvaging it if damaged) and says what salvage did, if anything. */
  openIfPresent(): OutboxRecoveryReport | null {
    if (this.exists()) this.open();
    return this.recovery;
  }

  close(): void {
    this.opened?.close();
    this.opened = null;
  }
}
