// Child process entry of `crm bench`'s ping measurement (see measurePingInChildProcess).
import { measurePingDuringSegmentation, type PingMeasurement } from './pingDuringSegmentation';

const [dataDir, workerPath] = process.argv.slice(2);
if (dataDir === undefined || workerPath === undefined || process.send === undefined) {
  process.stderr.write('usage: forked by measurePingInChildProcess(dataDir, workerPath)\n');
  process.exit(2);
}
const maxRoundTripMs = await measurePingDuringSegmentation(dataDir, workerPath);
const measurement: PingMeasurement = { maxRoundTripMs, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
process.send(measurement, undefined, {}, () => process.exit(0));
