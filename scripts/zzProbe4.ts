import { createRequestHandlers } from '../electron/core/api/createRequestHandlers';
import { invokeRequest } from '../electron/core/api/invokeRequest';
import { createCoreServices } from '../electron/core/createCoreServices';
import { CrmCore } from '../electron/core/crmCore';
const now = Date.parse('2025-12-03T10:00:00Z');
const services = createCoreServices(CrmCore.open({ dataDir: process.env.WS!, clock: () => now }));
const handlers = createRequestHandlers();
services.segmentation.ensureCurrent(now);
const tab = process.argv[2] ?? 'now';
const times: number[] = [];
for (let i = 0; i < 400; i++) {
  const offset = Math.floor(Math.random() * Number(process.env.PAGES)) * 50;
  const t = performance.now();
  const r = await invokeRequest(services, handlers, 'inbox.page', { tab, limit: 50, offset });
  const ms = performance.now() - t;
  times.push(ms);
  if (ms > 4) console.log(`slow #${i} offset ${offset}: ${ms.toFixed(1)} ms`);
  if (!r.ok) throw new Error(r.error.message);
}
times.sort((a, b) => a - b);
console.log(tab, 'p50', times[200]?.toFixed(2), 'p95', times[380]?.toFixed(2), 'max', times[399]?.toFixed(2));
services.core.close();
