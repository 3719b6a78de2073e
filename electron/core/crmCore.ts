import fs from 'node:fs';
import path from 'node:path';
import type { CoreEvent, ImportSummary } from '../../shared/contract/apiTypes';
import { TransactionUndoneError } from './db/classifyDatabaseError';
import type { CacheDatabase } from './db/cacheDatabase';
import { openCacheDatabase } from './db/openCacheDatabase';
import { openOutboxWithRecovery } from './recovery/openOutboxWithRecovery';
import { applyChangeBatch, type BatchOutcome, type IncomingRecord } from './ingest/applyChangeBatch';
import { importJsonlFile } from './ingest/importJsonlFile';
import { ActionLogStore } from './store/actionLogStore';
import { AlertStore } from './store/alertStore';
import { CacheStatsStore } from './store/cacheStatsStore';
import { ChangeStore } from './store/changeStore';
import { ClvStore } from './store/clvStore';
import { EngineInputStore } from './store/engineInputStore';
import { FlagStore } from './store/flagStore';
import { FollowUpStore } from './store/followUpStore';
import { MemorySearchStore } from './store/memorySearchStore';
import { InboxStore } from './store/inboxStore';
import { NowQueueStore } from './store/nowQueueStore';
import { MetaStore } from './store/metaStore';
import { NoteStore } from './store/noteStore';
import { QuarantineStore } from './store/quarantineStore';
import { RollupStore } from './store/rollupStore';
import { SafetyLogStore } from './store/safetyLogStore';
import { ScoreStore } from './store/scoreStore';
import { SettingsStore } from './store/settingsStore';
import { SnoozeStore } from './store/snoozeStore';
import { TagStore } from './store/tagStore';
import { SyncStateStore } from './store/syncStateStore';
import { WorkspaceOutbox } from './store/workspaceOutbox';
import { WorkspaceStore } from './store/workspaceStore';

export interface CoreOptions {
  /** The workspace folder; the cache is `cache.sqlite` inside it. */
  dataDir: string;
  /** The engine's clock (epoch ms). Injected so the CLI's `--now` and tests see a fixed time. */
  clock?: () => number;
  /**
   * This process holds the workspace lock (the console, a CLI writer): it may replace the
   * workspace's files (salvage a damaged outbox) without taking the lock again.
   */
  holdsWorkspaceLock?: boolean;
}

/** Something that reacts to applied changes: the engine's incremental recompute, alert evaluation. */
export interface ChangeObserver {
  name: string;
  afterBatch(outcome: BatchOutcome): void;
}

export type CoreEventListener = (event: CoreEvent) => void;

/**
 * The workspace: the SQLite cache with its stores, the outbox file, the clock, applied batches and
 * their observers, and events. The services that work on it are built by the composition root
 * (`createCoreServices`). Never imports `electron`, so the same code runs in the Electron worker,
 * the browser host, the CLI and tests.
 */
export class CrmCore {
  readonly db: CacheDatabase;
  readonly dataDir: string;
  readonly clock: () => number;
  readonly holdsWorkspaceLock: boolean;
  readonly stores;
  /** CRM actions waiting for the platform (`outbox.sqlite`): outlives a rebuilt cache. */
  readonly outbox: WorkspaceOutbox;
  private readonly observers: ChangeObserver[] = [];
  private readonly eventListeners = new Set<CoreEventListener>();
  private readonly closeHooks: (() => void)[] = [];

  private constructor(db: CacheDatabase, options: CoreOptions) {
    this.db = db;
    this.dataDir = options.dataDir;
    this.clock = options.clock ?? Date.now;
    this.holdsWorkspaceLock = options.holdsWorkspaceLock ?? false;
    this.stores = {
      changes: new ChangeStore(db),
      quarantine: new QuarantineStore(db),
      safetyLog: new SafetyLogStore(db),
      meta: new MetaStore(db),
      settings: new SettingsStore(db),
      stats: new CacheStatsStore(db),
      workspace: new WorkspaceStore(db),
      rollups: new RollupStore(db),
      scores: new ScoreStore(db),
      inbox: new InboxStore(db),
      nowQueue: new NowQueueStore(db),
      flags: new FlagStore(db),
      engineInput: new EngineInputStore(db),
      alerts: new AlertStore(db),
      actionLog: new ActionLogStore(db),
      clv: new ClvStore(db),
      // Relationship memory (SPEC §13): the creator's notes, tags, follow-ups, snoozes and search.
      notes: new NoteStore(db),
      tags: new TagStore(db),
      followUps: new FollowUpStore(db),
      snoozes: new SnoozeStore(db),
      memorySearch: new MemorySearchStore(db),
      syncState: new SyncStateStore(db),
    };
    this.outbox = new WorkspaceOutbox(options.dataDir, () => openOutboxWithRecovery(this));
  }

  static open(options: CoreOptions): CrmCore {
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const db = openCacheDatabase(CrmCore.cachePath(options.dataDir));
    return new CrmCore(db, options);
  }

  static cachePath(dataDir: string): string {
    return path.join(dataDir, 'cache.sqlite');
  }

  addObserver(observer: ChangeObserver): void {
    this.observers.push(observer);
  }

  onEvent(listener: CoreEventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  emit(event: CoreEvent): void {
    for (const listener of this.eventListeners) listener(event);
  }

  /**
   * Runs `work` in one write transaction that takes the write lock at once (IMMEDIATE): a deferred
   * read-then-write transaction could not wait for its lock upgrade. Inside another it is a savepoint.
   */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /** False once the core is closed (a long run in slices stops then). */
  isOpen(): boolean {
    return this.db.open;
  }

  /** Applies one batch and lets observers react inside the same transaction, so derived data never lags raw data on disk. */
  applyBatch(records: readonly IncomingRecord[], source: string, extraWork?: () => void): BatchOutcome {
    return this.transaction(() => {
      const outcome = applyChangeBatch(this.stores, records, { source, receivedAt: this.clock() });
      for (const observer of this.observers) {
        observer.afterBatch(outcome);
        // SQLite undoes the whole transaction on some failures (a full disk) even where an observer
        // catches the error; nothing may then run outside it, such as a sync cursor without its page.
        if (!this.db.inTransaction) throw new TransactionUndoneError(observer.name);
      }
      extraWork?.();
      return outcome;
    });
  }

  /** Imports a JSONL file batch by batch; a stop part-way (a full disk) says what was and was not applied. */
  async importJsonl(filePath: string, onProgress?: (summary: ImportSummary) => void): Promise<ImportSummary> {
    try {
      return await importJsonlFile(this, filePath, { onProgress });
    } finally {
      this.emit({ kind: 'data_changed', reason: 'import' });
    }
  }

  /** Runs `hook` when the core closes, before the cache does (newest first): services close their own files. */
  onClose(hook: () => void): void {
    this.closeHooks.push(hook);
  }

  close(): void {
    for (const hook of this.closeHooks.splice(0).reverse()) {
      try {
        hook();
      } catch {
        // Closing must reach the cache whatever a service does.
      }
    }
    this.outbox.close();
    if (this.db.open) this.db.close();
  }
}
