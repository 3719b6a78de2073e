import type { CliCommand } from '../cliCommand';
import { requirePositional } from '../cliOptions';

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import FILE.jsonl',
  summary: 'apply change records (SPEC §1) from a JSONL file',
  writes: true,
  async run({ args, openWorkspace, log }) {
    const file = requirePositional(args, 0, 'FILE.jsonl');
    const { core } = openWorkspace();
    let lastReport = 0;
    return core.importJsonl(file, (progress) => {
      const seen = progress.applied + progress.quarantined;
      if (seen - lastReport >= 100_000) {
        lastReport = seen;
        log(`… ${seen} records`);
      }
    });
  },
};
