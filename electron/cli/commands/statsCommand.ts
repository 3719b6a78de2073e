import { invokeCoreRequest } from '../invokeCoreRequest';
import type { CliCommand } from '../cliCommand';

export const statsCommand: CliCommand = {
  name: 'stats',
  usage: 'stats',
  summary: 'cache contents: counts and a content hash',
  run: ({ openWorkspace }) => invokeCoreRequest(openWorkspace(), 'workspace.stats', {}),
};
