import { installAlertService } from './alerts/alertService';
import { ClvService } from './clv/clvService';
import type { ChangeObserver, CrmCore } from './crmCore';
import type { EngineLimits } from './engine/engineLimits';
import { SegmentationService } from './engine/segmentationService';
import { installSearchIndex } from './memory/installSearchIndex';
import { SyncService, type SyncServiceOptions } from './sync/syncService';

/**
 * The core's services, built once per open workspace by `createCoreServices` and handed to the
 * request handlers, the schedulers and the CLI. Nothing else creates them.
 */
export interface CoreServices {
  /** The workspace: the SQLite cache and its stores, the outbox, the clock, applied batches, events. */
  readonly core: CrmCore;
  /** The cache's stores (`core.stores`): every SQL statement lives in one of them (`store/`). */
  readonly stores: CrmCore['stores'];
  /** The engine: each supporter's rollup and score, kept current (`engine/segmentationService.ts`). */
  readonly segmentation: SegmentationService;
  /** The customer-base models (`clv/clvService.ts`). */
  readonly clv: ClvService;
  /** Platform sync and the outbox's delivery (`sync/syncService.ts`); started by a long-running host only. */
  readonly sync: SyncService;
}

export interface CoreServiceOptions {
  /** The host's sync settings (credential vault, timers, page size, progress). */
  sync?: SyncServiceOptions;
  /** Which services follow every applied batch inside its transaction: all (the app, the CLI), the engine alone, or none (tests acting as a process that ran without them). */
  observers?: 'all' | 'engine' | 'none';
  /** Where the engine changes strategy (tests make them tiny). */
  engineLimits?: Partial<EngineLimits>;
  /** Wraps each change observer as it is registered (the benchmark times them). */
  wrapObserver?: (observer: ChangeObserver) => ChangeObserver;
}

/**
 * The composition root: builds the core's services explicitly, each given only what it uses, and
 * registers the ones that follow applied batches (the engine's incremental recompute, then alert
 * evaluation; alerts judge raw activity, so their order does not matter). Every way of opening a
 * workspace goes through here — the app's core worker, the browser host, the CLI, the benchmark.
 */
export function createCoreServices(core: CrmCore, options: CoreServiceOptions = {}): CoreServices {
  const isOpen = () => core.isOpen();
  const segmentation = new SegmentationService({
    stores: core.stores,
    transaction: (work) => core.transaction(work),
    clock: core.clock,
    isOpen,
    ...(options.engineLimits ? { limits: options.engineLimits } : {}),
  });
  const clv = new ClvService({ stores: core.stores, lastFullRunAt: () => segmentation.lastFullRunAt(), isOpen });
  const sync = new SyncService(core, options.sync);
  core.onClose(() => sync.closeNow());

  const observers = options.observers ?? 'all';
  const wrap = options.wrapObserver ?? ((observer: ChangeObserver) => observer);
  if (observers !== 'none') {
    // A new workspace has nothing to rebuild: the engine starts current, so a first import is folded batch by batch.
    segmentation.startCurrentIfEmpty();
    core.addObserver(wrap(segmentation));
  }
  if (observers === 'all') installAlertService(core, wrap);
  // Handles that arrived are indexed for search (SPEC §13) in the same transaction as their batch.
  if (observers !== 'none') installSearchIndex(core, wrap);
  return { core, stores: core.stores, segmentation, clv, sync };
}
