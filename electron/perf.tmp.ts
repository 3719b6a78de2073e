import { createCoreServices } from './core/createCoreServices';
import { CrmCore } from './core/crmCore';
import { readInboxPage } from './core/engine/inbox/readInboxPage';
const t0 = performance.now();
const core = CrmCore.open({ dataDir: process.argv[2] ?? '/tmp/now100k' });
const services = createCoreServices(core, { observers: 'none' });
console.log('open', (performance.now() - t0).toFixed(0));
const now = Number(core.db.prepare('SELECT max(asOf) FROM supporter_state').pluck().get());
const time = (label: string, f: () => unknown) => { const t = performance.now(); const r = f(); console.log(label, (performance.now() - t).toFixed(2), 'ms'); return r; };
time('ensureCurrent', () => services.segmentation.ensureCurrent(now));
for (let i = 0; i < 3; i++) time('now first page', () => readInboxPage(services, { tab: 'now', limit: 50 }, now));
const p = readInboxPage(services, { tab: 'now', limit: 5 }, now);
console.log(p.total, JSON.stringify(p.entries.map(e => [e.handle, (e as any).nowScore, (e as any).nowReasons, (e as any).suggestedAction])));
const samples: number[] = [];
for (let i = 0; i < 200; i++) { const t = performance.now(); readInboxPage(services, { tab: 'now', limit: 50 }, now + i); samples.push(performance.now() - t); }
samples.sort((a, b) => a - b); console.log('first page p50/p95', samples[100]?.toFixed(2), samples[190]?.toFixed(2));
const deep: number[] = [];
for (let i = 0; i < 100; i++) { const t = performance.now(); readInboxPage(services, { tab: 'now', limit: 50, offset: Math.floor(Math.random() * p.total) }, now); deep.push(performance.now() - t); }
deep.sort((a, b) => a - b); console.log('any offset p50/p95', deep[50]?.toFixed(2), deep[95]?.toFixed(2));
for (const tab of ['all', 'vip', 'dormant'] as const) time(tab, () => readInboxPage(services, { tab, limit: 50 }, now));
core.close();
