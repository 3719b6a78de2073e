// Child process entry of `crm bench`'s ping measurement (see measurePingInChildProcess).
import { measurePingDuringRebuild, type PingMeasurement } from './pingDuringRebuild';
import { peakRssMb } from './peakRss';

const [dataDir, workerPath] = process.argv.slice(2);
if (dataDir === undefined || workerPath === undefined || process.send === undefined) {
  process.stderr.write('usage: forked by measurePingInChildProcess(dataDir, workerPath)\n');
  process.exit(2);
}
const measured = await measurePingDuringRebuild(dataDir, workerPath);
const measurement: PingMeasurement = { ...measured, peakRssMb: peakRssMb() };
process.send(measurement, undefined, {}, () => process.exit(0));
