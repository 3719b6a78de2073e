import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CoreEvent, SyncStatus, WorkspaceInfo } from '../../../shared/contract/apiTypes';
import type { CrmSettings } from '../../../shared/contract/crmSettings';
import type { AlertView } from '../../../shared/domain/alertView';
import type { InboxPage } from '../../../shared/domain/inboxEntry';
import { AlertNotificationBatcher } from '../../../shared/notifications/alertNotificationBatcher';
import type { PlannedNotification } from '../../../shared/notifications/planAlertNotifications';
import { demoRecords } from '../../platform/loadPlatformRecords';
import { startPlatformServer, type PlatformServer } from '../../platform/platformServer';
import { startCoreRuntime, type CoreRuntime } from '../coreRuntime';
import { SeededRandom } from '../demo/seededRandom';
import { MemoryCredentialVault } from '../sync/credentialVault';
import { percentile } from './percentile';

export interface AlertLatencyOptions {
  /** VIPs brought online one after another, each a sample (default 30; each VIP once, as the 1 h cooldown would hold a second alert back). */
  samples?: number;
  /** The demo world the platform serves and the app first-syncs (default 2,000 supporters over 90 days, as the app's demo). */
  supporters?: number;
  seed?: number;
  /**
   * Measure in an existing workspace instead (say, the bench's), whose data was made for the time
   * `dataNow`: the app and the platform then run real time shifted to it, so its VIPs are still VIPs.
   * The platform serves only live activity then (the workspace already holds the history).
   */
  dataDir?: string;
  dataNow?: number;
  /** The live platform's own activity, as `--live` makes it (default every 3 s). */
  liveIntervalMs?: number;
  /** Pause between samples, drawn between these (default 1–2.5 s), so samples fall at every phase of the live ticks and the 15 s pull. */
  gapMs?: readonly [number, number];
  /** A sample not on screen within this long counts as a miss, at this value, in the percentiles (default 20 s). */
  sampleTimeoutMs?: number;
  /** After the first sync, before the first sample: the start-up catch-up runs of the engine settle (default 3 s). */
  settleMs?: number;
  workDir?: string;
  log?: (message: string) => void;
}

export interface AlertLatencyResult {
  /** From the platform appending a VIP's presence to the notification planner emitting its notification, in ms. */
  p50: number;
  p95: number;
  max: number;
  samples: number;
  /** Samples with no notification within `sampleTimeoutMs` (counted at that value above). */
  misses: number;
  /** The same samples up to the core's `alerts_raised` event (the part before the notification decision). */
  raisedP50: number;
  raisedP95: number;
  /** Supporters in the measured workspace. */
  supporters: number;
}

const TOKEN = 'alert-latency-bench';
const ROUND = (value: number) => Number(value.toFixed(1));

/**
 * `alertLatencyMs` (issue 19): how long a VIP coming online on the platform takes to reach the
 * creator's screen. Everything on the way is the app's own: the reference platform in `--live`
 * mode (its generated activity going on meanwhile), the core runtime the app's worker runs
 * (`startCoreRuntime`: the sync service with live delivery, the engine, the alert service, the
 * schedulers), connected through `sync.connect`, and the notification batcher the Electron shell and
 * the browser host use, fed by `alerts_raised` and set up with the creator's preferences as the
 * shell does. The clock stops when the batcher hands the planned notification to be shown.
 *
 * Both sides run in this process: the worker's message hop to the shell (well under a millisecond)
 * is left out, and the platform's serving shares the core's thread, which can only add to the figure.
 */
export async function measureAlertLatency(options: AlertLatencyOptions = {}): Promise<AlertLatencyResult> {
  const log = options.log ?? (() => undefined);
  const samples = options.samples ?? 30;
  const seed = options.seed ?? 7;
  const sampleTimeoutMs = options.sampleTimeoutMs ?? 20_000;
  const [gapMin, gapMax] = options.gapMs ?? [1000, 2500];
  const workDir = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'crm-alert-latency-'));
  const ownsWorkDir = options.workDir === undefined;
  const dataDir = options.dataDir ?? path.join(workDir, 'workspace');
  const offsetMs = options.dataNow === undefined ? 0 : Date.now() - options.dataNow;
  const clock = () => Date.now() - offsetMs;
  const random = new SeededRandom(seed + 19);

  let platform: PlatformServer | null = null;
  let runtime: CoreRuntime | null = null;
  const batcher = new AlertNotificationBatcher({ show: (plan) => onShown(plan) });
  /** Which supporter each raised alert is about, and who is being waited for. */
  const alertSupporter = new Map<string, string>();
  const waiting = new Map<string, { raisedAt: number | null; resolve: (shownAt: number) => void }>();
  const onShown = (plan: PlannedNotification) => {
    const shownAt = performance.now();
    for (const alertId of plan.alertIds) {
      const supporterId = alertSupporter.get(alertId);
      const waiter = supporterId === undefined ? undefined : waiting.get(supporterId);
      if (supporterId !== undefined && waiter) {
        waiting.delete(supporterId);
        waiter.resolve(shownAt);
      }
    }
  };
  try {
    const records = options.dataDir === undefined ? demoRecords({ supporters: options.supporters ?? 2000, seed, days: 90, now: clock() }) : [];
    platform = await startPlatformServer({ token: TOKEN, records, live: { intervalMs: options.liveIntervalMs ?? 3000, seed }, clock });
    const server = platform;
    log(`platform: ${server.log.length} change records, live activity every ${options.liveIntervalMs ?? 3000} ms`);

    runtime = startCoreRuntime({ dataDir, clock, createDemoIfEmpty: false, vault: new MemoryCredentialVault() });
    const app = runtime;
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      const result = await app.invoke(name, input);
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      return result.value as T;
    };
    // As the Electron shell does (electron/main/index.ts): the creator's preferences and zone, then every alerts_raised event.
    const loadPreferences = async () => {
      const [settings, info] = await Promise.all([call<CrmSettings>('settings.get', {}), call<WorkspaceInfo>('workspace.info', {})]);
      batcher.setPreferences(settings.notifications, info.creator?.timezone ?? null);
    };
    app.onEvent((event: CoreEvent) => {
      if (event.kind === 'alerts_raised') {
        const raisedAt = performance.now();
        for (const alert of event.payload.alerts) {
          alertSupporter.set(alert.id, alert.supporterId);
          const waiter = waiting.get(alert.supporterId);
          if (waiter && waiter.raisedAt === null) waiter.raisedAt = raisedAt;
        }
        batcher.add(event.payload.alerts);
      } else if (event.kind === 'data_changed' && (event.reason === 'settings' || event.reason === 'import' || event.reason === 'sync')) {
        void loadPreferences().catch(() => undefined);
      }
    });
    await loadPreferences();
    if (options.dataDir !== undefined && (await call<WorkspaceInfo>('workspace.info', {})).isDemo) {
      // Connecting would set the demo aside and follow an empty platform: nothing to measure.
      throw new Error('A demo workspace never syncs, so it cannot follow the live platform: measure in an imported workspace or the bench’s (not one made by `crm demo`).');
    }

    log('the app connects and pulls the platform’s log (first sync)…');
    const firstSyncStarted = performance.now();
    await call<SyncStatus>('sync.connect', { serverUrl: server.url, token: TOKEN });
    for (;;) {
      const status = await call<SyncStatus>('sync.status', {});
      if (status.state === 'online') break;
      if (status.state === 'needs_reconnect' || (status.state === 'offline' && status.lastError !== null)) throw new Error(`first sync failed: ${status.lastError}`);
      await delay(100);
    }
    log(`  first sync done in ${Math.round(performance.now() - firstSyncStarted)} ms; settling ${options.settleMs ?? 3000} ms`);
    await delay(options.settleMs ?? 3000);

    const vips = await offlineVips(call, samples, clock());
    if (vips.length === 0) throw new Error('The workspace has no offline VIP to bring online.');
    if (vips.length < samples) log(`  only ${vips.length} offline VIPs: ${vips.length} samples`);
    // The platform's own live activity must not bring them online first (that would be its alert, and the cooldown would hold ours).
    server.reserveSupporters(vips);

    const shownMs: number[] = [];
    const raisedMs: number[] = [];
    let misses = 0;
    for (const [index, supporterId] of vips.entries()) {
      await delay(gapMin + random.next() * (gapMax - gapMin));
      const appendedAt = performance.now();
      const shown = new Promise<{ shownAt: number; raisedAt: number | null } | null>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(supporterId);
          resolve(null);
        }, sampleTimeoutMs);
        const waiter = { raisedAt: null as number | null, resolve: (shownAt: number) => (clearTimeout(timer), resolve({ shownAt, raisedAt: waiter.raisedAt })) };
        waiting.set(supporterId, waiter);
      });
      server.append([
        { entity: 'activity', op: 'upsert', data: { id: `bench-vip-online-${clock().toString(36)}-${index}`, supporterId, type: 'presence', at: new Date(clock()).toISOString(), online: true } },
      ]);
      const outcome = await shown;
      if (outcome === null) {
        misses += 1;
        shownMs.push(sampleTimeoutMs);
        raisedMs.push(sampleTimeoutMs);
        log(`  sample ${index + 1}: no notification within ${sampleTimeoutMs} ms`);
        continue;
      }
      shownMs.push(outcome.shownAt - appendedAt);
      raisedMs.push((outcome.raisedAt ?? outcome.shownAt) - appendedAt);
    }
    log(`  on screen after (ms): ${shownMs.map((ms) => Math.round(ms)).join(', ')}`);
    const supporters = (await call<WorkspaceInfo>('workspace.info', {})).supporters;
    return {
      p50: ROUND(percentile(shownMs, 50)),
      p95: ROUND(percentile(shownMs, 95)),
      max: ROUND(Math.max(...shownMs)),
      samples: shownMs.length,
      misses,
      raisedP50: ROUND(percentile(raisedMs, 50)),
      raisedP95: ROUND(percentile(raisedMs, 95)),
      supporters,
    };
  } finally {
    batcher.dispose();
    await runtime?.stop();
    await platform?.close();
    if (ownsWorkDir) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** How far down the All tab the VIPs are looked for (it is ordered by priority, VIPs near the top). */
const MAX_SCANNED_ENTRIES = 20_000;

/**
 * Up to `count` VIPs, as the console shows them, who can raise `vip_online` now: offline, and with
 * no `vip_online` alert inside the cooldown (one raised by their history an hour ago would hold
 * the new one back, rightly, and the sample would measure nothing). The VIP tab shows only the top
 * few, so they are read from the All tab.
 */
async function offlineVips(call: <T>(name: string, input: unknown) => Promise<T>, count: number, now: number): Promise<string[]> {
  const cooldownMs = (await call<CrmSettings>('settings.get', {})).alertCooldownMinutes * 60_000;
  // A Set: the order can shift between pages as the clock moves on, so a supporter may show up twice.
  const found = new Set<string>();
  for (let offset = 0; found.size < count && offset < MAX_SCANNED_ENTRIES; offset += 100) {
    const page = await call<InboxPage>('inbox.page', { tab: 'all', limit: 100, offset });
    for (const entry of page.entries) {
      if (found.size >= count || entry.segment !== 'vip' || entry.online || found.has(entry.supporterId)) continue;
      const { alerts } = await call<{ alerts: AlertView[] }>('alerts.list', { includeAll: true, supporterId: entry.supporterId });
      if (!alerts.some((alert) => alert.type === 'vip_online' && Math.abs(now - Date.parse(alert.createdAt)) < cooldownMs)) found.add(entry.supporterId);
    }
    if (page.entries.length < 100) break;
  }
  return [...found];
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
