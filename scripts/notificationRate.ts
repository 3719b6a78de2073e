/**
 * How many desktop notifications the live reference platform raises at default settings (issue 17:
 * goal ≤ 10 per 10 minutes, urgent ones aside). Measured in REAL time, not simulated:
 *
 *   npm run -s notification-rate -- [--minutes 10] [--supporters 2000] [--seed 7] [--live-interval-ms 3000] [--json]
 *
 * 1. starts the reference platform as its own process, exactly as `npm run platform -- --demo … --live`;
 * 2. starts the app's core runtime (what the Electron app's worker and the browser host run: sync
 *    service, engine, alert service, schedulers) on a fresh workspace, and connects it with
 *    `sync.connect` — the real sync service pulls the platform's history (a first sync), then keeps up;
 * 3. feeds every `alerts_raised` and `sync_status` event to the notification batcher the Electron
 *    shell and the browser host use, with the creator's settings read from the core (the defaults),
 *    the console "opening" as the shell does at start — and counts what it would show.
 *
 * Counting starts when the console opens; the first sync's summary is reported apart, then every
 * notification after it, urgent and not, over the next `--minutes`. Progress goes to stderr; stdout
 * gets the result (one JSON document with --json).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CoreEvent, WorkspaceInfo } from '../shared/contract/apiTypes';
import type { CrmSettings } from '../shared/contract/crmSettings';
import { AlertNotificationBatcher } from '../shared/notifications/alertNotificationBatcher';
import type { PlannedNotification } from '../shared/notifications/planAlertNotifications';
import { startCoreRuntime } from '../electron/core/coreRuntime';
import { MemoryCredentialVault } from '../electron/core/sync/credentialVault';
import { scriptArguments } from './support/scriptArguments';

const USAGE = 'Usage: npm run -s notification-rate -- [--minutes N (1-120)] [--supporters N (50-100000)] [--seed S] [--live-interval-ms MS (100-60000)] [--json]';
const { values } = parseArgs({
  options: {
    minutes: { type: 'string' },
    supporters: { type: 'string' },
    seed: { type: 'string' },
    'live-interval-ms': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  },
  strict: true,
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const { integer } = scriptArguments('notification-rate', USAGE);

const minutes = integer(values.minutes, 'minutes', 10, 1, 120);
const supporters = integer(values.supporters, 'supporters', 2000, 50, 100_000);
const seed = integer(values.seed, 'seed', 7, 0, 2 ** 31);
const liveIntervalMs = integer(values['live-interval-ms'], 'live-interval-ms', 3000, 100, 60_000);
const TOKEN = 'notification-rate';
const repoRoot = path.resolve(import.meta.dirname, '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Shown {
  /** Seconds since the console opened. */
  at: number;
  title: string;
  urgent: boolean;
  alerts: number;
}

/** The reference platform as its own process, in live mode; resolves with its URL. */
function startPlatform(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      path.join(repoRoot, 'scripts/runTypeScript.mjs'),
      path.join(repoRoot, 'electron/platform/main.ts'),
      '--port', '0', '--token', TOKEN, '--demo', '--supporters', String(supporters), '--seed', String(seed),
      '--live', '--live-interval-ms', String(liveIntervalMs),
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /^(http:\/\/\S+)$/m.exec(stdout)?.[1];
      if (url) resolve({ url, child });
    });
    child.once('exit', (code) => reject(new Error(`the reference platform exited with ${code} before it was ready`)));
  });
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-notification-rate-'));
const platform = await startPlatform();
log(`platform: ${platform.url} (${supporters} supporters, live activity every ${liveIntervalMs} ms)`);
const runtime = startCoreRuntime({ dataDir: path.join(workDir, 'workspace'), createDemoIfEmpty: false, vault: new MemoryCredentialVault() });
const call = async <T>(name: string, input: unknown): Promise<T> => {
  const result = await runtime.invoke(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
};

const openedAt = Date.now();
const shown: Shown[] = [];
let raised = 0;
let firstSyncDoneAt: number | null = null;
const batcher = new AlertNotificationBatcher({
  show: (plan: PlannedNotification) => {
    const entry = { at: (Date.now() - openedAt) / 1000, title: plan.title, urgent: plan.urgent, alerts: plan.alertIds.length };
    shown.push(entry);
    log(`  ${entry.at.toFixed(1).padStart(6)} s  ${plan.urgent ? 'URGENT ' : ''}${plan.title} (${entry.alerts} alert${entry.alerts === 1 ? '' : 's'})`);
  },
});
const loadPreferences = async () => {
  const [settings, info] = await Promise.all([call<CrmSettings>('settings.get', {}), call<WorkspaceInfo>('workspace.info', {})]);
  batcher.setPreferences(settings.notifications, info.creator?.timezone ?? null);
};
await loadPreferences();
// As the Electron shell does (electron/main/index.ts): opening, then every event.
batcher.beginCatchUp('opening');
runtime.onEvent((event: CoreEvent) => {
  if (event.kind === 'alerts_raised') {
    raised += event.payload.alerts.length;
    batcher.add(event.payload.alerts);
  } else if (event.kind === 'sync_status') {
    batcher.syncStatusChanged(event.payload);
    if (firstSyncDoneAt === null && event.payload.lastSyncedAt !== null) {
      firstSyncDoneAt = Date.now();
      log(`first sync done after ${((firstSyncDoneAt - openedAt) / 1000).toFixed(1)} s; counting for ${minutes} minute(s) from now`);
    }
  } else if (event.kind === 'data_changed' && (event.reason === 'settings' || event.reason === 'sync')) {
    void loadPreferences().catch(() => undefined);
  }
});

try {
  await call('sync.connect', { serverUrl: platform.url, token: TOKEN });
  while (firstSyncDoneAt === null) await delay(200);
  const windowStart = firstSyncDoneAt;
  await delay(minutes * 60_000);
  const windowEnd = Date.now();
  batcher.flush();
  const inWindow = shown.filter((entry) => entry.at * 1000 + openedAt >= windowStart && entry.at * 1000 + openedAt <= windowEnd);
  const catchUp = shown.filter((entry) => /from before you (connected|opened)/.test(entry.title));
  const result = {
    measured: 'real time',
    minutes,
    supporters,
    liveIntervalMs,
    alertsRaised: raised,
    firstSyncSummaries: catchUp.length,
    firstSyncSummary: catchUp[0]?.title ?? null,
    notificationsInWindow: inWindow.filter((entry) => !entry.urgent && !catchUp.includes(entry)).length,
    urgentInWindow: inWindow.filter((entry) => entry.urgent).length,
    per10Minutes: Number(((inWindow.filter((entry) => !entry.urgent && !catchUp.includes(entry)).length * 10) / minutes).toFixed(1)),
  };
  if (values.json) process.stdout.write(`${JSON.stringify({ notificationRate: result })}\n`);
  else {
    process.stdout.write(
      `notificationRate: ${result.notificationsInWindow} notification(s) in ${minutes} min of real time (${result.per10Minutes} per 10 min, goal ≤ 10), ` +
        `plus ${result.urgentInWindow} urgent; before that ${result.firstSyncSummaries} first-sync summary (${result.firstSyncSummary ?? 'none'}); ` +
        `${result.alertsRaised} alerts raised in all (${supporters} supporters, live activity every ${liveIntervalMs} ms)\n`,
    );
  }
} finally {
  batcher.dispose();
  await runtime.stop();
  platform.child.kill('SIGTERM');
  fs.rmSync(workDir, { recursive: true, force: true });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
