import type { CliCommand } from '../cliCommand';
import { requirePositional } from '../cliOptions';
import { invokeCoreRequest } from '../invokeCoreRequest';

export const profileCommand: CliCommand = {
  name: 'profile',
  usage: 'profile SUPPORTER_ID [--now ISO]',
  summary: 'one supporter\'s full profile: spending, chat, live, ppv, fan club, events, engagement, best contact time, patterns',
  // Reads only: may run beside the app.
  writes: false,
  run({ args, openWorkspace }) {
    const supporterId = requirePositional(args, 0, 'SUPPORTER_ID');
    return invokeCoreRequest(openWorkspace(), 'profile.get', { supporterId });
  },
};
