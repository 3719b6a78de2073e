import { invokeCoreRequest } from '../invokeCoreRequest';
import type { CliCommand } from '../cliCommand';

export const statsCommand: CliCommand = {
  name: 'stats',
  usage: 'stats',
  summary: 'cache contents: counts and a content hash',
  // Reads only: may run beside the app.
  writes: false,
  run: ({ openWorkspace }) => invokeCoreRequest(openWorkspace(), 'workspace.stats', {}),
};
