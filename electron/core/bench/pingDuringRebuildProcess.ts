// Child process entry of `crm bench`'s ping measurement (see measurePingInChildProcess).
import { measurePingDuringRebuild, type PingMeasurement } from './pingDuringRebuild';
import { peakRssMb } from './peakRss';

const [dataDir, nowText] = process.argv.slice(2);
const now = Number(nowText);
if (dataDir === undefined || !Number.isFinite(now) || process.send === undefined) {
  process.stderr.write('usage: forked by measurePingInChildProcess(dataDir, now)\n');
  process.exit(2);
}
const measured = await measurePingDuringRebuild(dataDir, now);
const measurement: PingMeasurement = { ...measured, peakRssMb: peakRssMb() };
process.send(measurement, undefined, {}, () => process.exit(0));
