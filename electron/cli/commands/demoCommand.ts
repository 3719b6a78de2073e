import { createDemoWorkspace, DEFAULT_DEMO } from '../../core/demo/createDemoWorkspace';
import type { CliCommand } from '../cliCommand';
import { requireIntegerOption } from '../cliOptions';

export const demoCommand: CliCommand = {
  name: 'demo',
  usage: 'demo [--supporters N] [--days D] [--seed S] [--now ISO]',
  summary: 'fill the workspace with generated demo data',
  valueOptions: ['supporters', 'days', 'seed'],
  run({ options, openWorkspace, now, log }) {
    const supporters = requireIntegerOption(options, 'supporters', DEFAULT_DEMO.supporters, { min: 1, max: 1_000_000 });
    const days = requireIntegerOption(options, 'days', DEFAULT_DEMO.days, { min: 1, max: 3650 });
    const seed = requireIntegerOption(options, 'seed', DEFAULT_DEMO.seed, { min: 0, max: 2 ** 31 });
    const { core } = openWorkspace();
    let reported = 0;
    return createDemoWorkspace(core, { supporters, days, seed, now }, (progress) => {
      if (progress.supporters - reported >= 10_000) {
        reported = progress.supporters;
        log(`… ${progress.supporters} supporters, ${progress.activities} activities`);
      }
    });
  },
};
