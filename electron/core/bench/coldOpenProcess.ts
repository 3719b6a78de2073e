// Child process entry of `crm bench`'s `coldOpenMs` (see measureColdOpen), run from a bundle as the
// app runs its core: a new process opens an existing workspace through the core runtime the app's
// worker and the browser host run (`startCoreRuntime`: the cache, every service, the schedulers)
// and asks for the first page of the landing view through the API contract.
import { startCoreRuntime } from '../coreRuntime';
import { MemoryCredentialVault } from '../sync/credentialVault';
import { peakRssMb } from './peakRss';

const [dataDir, nowText, tab] = process.argv.slice(2);
if (dataDir === undefined || tab === undefined || process.send === undefined) {
  process.stderr.write('usage: forked by measureColdOpen\n');
  process.exit(2);
}
const now = Number(nowText);
const loadedAt = performance.now();
const runtime = startCoreRuntime({ dataDir, clock: () => now, createDemoIfEmpty: false, vault: new MemoryCredentialVault(), holderName: 'crm bench (cold open)' });
const openedAt = performance.now();
const page = await runtime.invoke('inbox.page', { tab, limit: 50 });
const answeredAt = performance.now();
const entries = page.ok ? (page.value as { entries: unknown[] }).entries.length : -1;
// Times since this process started (`performance.timeOrigin`), for the breakdown beside the parent's wall-clock figure.
process.send({ ok: page.ok, entries, loadedAtMs: loadedAt, openedAtMs: openedAt, answeredAtMs: answeredAt, peakRssMb: peakRssMb() }, undefined, {}, () => {
  void runtime.stop().then(() => process.exit(0));
});
