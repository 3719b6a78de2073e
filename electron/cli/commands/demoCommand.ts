import { createDemoWorkspace, DEFAULT_DEMO } from '../../core/demo/createDemoWorkspace';
import { isDemoWorkspace } from '../../core/demo/isDemoWorkspace';
import { deleteSetAsideDemos } from '../../core/demo/setDemoWorkspaceAside';
import { hasSavedCredentials } from '../../core/sync/hasSavedCredentials';
import type { CliCommand } from '../cliCommand';
import { requireIntegerOption } from '../cliOptions';

export const demoCommand: CliCommand = {
  name: 'demo',
  usage: 'demo [--supporters N] [--days D] [--seed S] [--now ISO] | demo --delete-set-aside',
  summary: 'fill an empty workspace with generated demo data (never one with real data); --delete-set-aside deletes the demo set aside when it was connected',
  writes: true,
  valueOptions: ['supporters', 'days', 'seed'],
  flags: ['delete-set-aside'],
  run({ options, openWorkspace, dataDir, now, log }) {
    if (options['delete-set-aside'] === true) {
      // Opened first so the workspace lock is held: never delete under a console that uses it.
      openWorkspace();
      return { deleted: deleteSetAsideDemos(dataDir) };
    }
    const supporters = requireIntegerOption(options, 'supporters', DEFAULT_DEMO.supporters, { min: 1, max: 1_000_000 });
    const days = requireIntegerOption(options, 'days', DEFAULT_DEMO.days, { min: 1, max: 3650 });
    const seed = requireIntegerOption(options, 'seed', DEFAULT_DEMO.seed, { min: 0, max: 2 ** 31 });
    const { core, sync } = openWorkspace();
    // Demo and real data never share a workspace (docs/sync-protocol.md §5).
    if (sync.hasSavedConnection() || hasSavedCredentials(core.dataDir)) {
      throw new Error('This workspace is connected to the platform; demo data never shares a workspace with real data. Give the demo its own --data-dir.');
    }
    if (core.stores.workspace.supporterCount() > 0 && !isDemoWorkspace(core)) {
      throw new Error('This workspace holds real (imported) supporters; demo data never shares a workspace with real data. Give the demo its own --data-dir.');
    }
    let reported = 0;
    return createDemoWorkspace(core, { supporters, days, seed, now }, (progress) => {
      if (progress.supporters - reported >= 10_000) {
        reported = progress.supporters;
        log(`… ${progress.supporters} supporters, ${progress.activities} activities`);
      }
    });
  },
};
