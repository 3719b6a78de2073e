import type { SegmentationSummary } from '../../../shared/contract/apiTypes';
import { SEGMENTS } from '../../../shared/domain/segments';
import type { CliCommand } from '../cliCommand';
import { invokeCoreRequest } from '../invokeCoreRequest';

let lastTookMs = 0;

export const segmentCommand: CliCommand = {
  name: 'segment',
  usage: 'segment [--now ISO]',
  summary: 'full re-segmentation of every supporter; prints counts per segment and the time taken',
  // Writes every supporter's segment and scores.
  writes: true,
  async run({ openWorkspace, log }) {
    const services = openWorkspace();
    const started = performance.now();
    const summary = await invokeCoreRequest(services, 'segmentation.run', {});
    lastTookMs = Math.round(performance.now() - started);
    // The time goes to stderr so `--json` stdout stays exactly the SPEC §10 document.
    log(`tookMs=${lastTookMs}`);
    return summary;
  },
  formatHuman(result) {
    const { computedAt, segments } = result as SegmentationSummary;
    const total = SEGMENTS.reduce((sum, segment) => sum + segments[segment], 0);
    const lines = SEGMENTS.map((segment) => `  ${segment.padEnd(10)} ${String(segments[segment]).padStart(8)}`);
    return [`Segmented ${total} supporters as of ${computedAt} in ${lastTookMs} ms`, ...lines].join('\n');
  },
};
