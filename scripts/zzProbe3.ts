import { createCoreServices } from '../electron/core/createCoreServices';
import { CrmCore } from '../electron/core/crmCore';
import { readNowQueueOrder } from '../electron/core/engine/inbox/readNowQueueOrder';
import { inboxEntryContext } from '../electron/core/engine/inbox/inboxEntryContext';
import { actionResultsByType } from '../electron/core/actions/actionResultsByType';

const now = Date.parse('2025-12-03T10:00:00Z');
const services = createCoreServices(CrmCore.open({ dataDir: process.env.WS ?? '/tmp/nowprobe/ws', clock: () => now }));
services.segmentation.ensureCurrent(now);
const stores = services.core.stores;
const parts: Record<string, number[]> = {};
const t = (label: string, f: () => unknown) => { const s = performance.now(); const r = f(); (parts[label] ??= []).push(performance.now() - s); return r; };
for (let i = 0; i < 300; i++) {
  const offset = process.argv[2] === 'first' ? 0 : Math.floor(Math.random() * Number(process.env.PAGES ?? 1100)) * 50;
  const order = t('order', () => readNowQueueOrder({ transaction: (w) => services.core.transaction(w), stores }, { offset, limit: 50, filter: {} }, now)) as ReturnType<typeof readNowQueueOrder>;
  const ids = order.keys.map((k) => k.supporterId);
  t('rows', () => stores.inbox.rows(ids));
  t('context', () => inboxEntryContext(stores, ids, now));
  t('openAlerts', () => stores.nowQueue.openAlerts(ids, now));
  t('results', () => actionResultsByType(stores.actionLog, now));
  t('ensureCurrent', () => services.segmentation.ensureCurrent(now));
}
for (const [k, v] of Object.entries(parts)) { v.sort((a, b) => a - b); console.log(k.padEnd(14), 'p50', v[150]!.toFixed(3), 'p95', v[285]!.toFixed(3)); }
services.core.close();
