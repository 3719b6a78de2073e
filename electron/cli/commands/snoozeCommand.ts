import type { SnoozeState } from '../../../shared/domain/supporterMemory';
import { CliUsageError, type CliCommand } from '../cliCommand';
import { invokeCoreRequest } from '../invokeCoreRequest';
import { requireTextOption } from './requireTextOption';

/**
 * SPEC §13 snooze: `snooze ID --until ISO` hides one supporter from the Now queue and holds their
 * notifications until then; `snooze cancel ID` ends it. The two are told apart by their number of
 * arguments, so a supporter whose id is "cancel" can still be snoozed.
 */
export const snoozeCommand: CliCommand = {
  name: 'snooze',
  usage: 'snooze SUPPORTER_ID --until ISO [--now ISO] | snooze cancel SUPPORTER_ID',
  summary: 'snoozes one supporter until a future time, or ends their snooze',
  writes: true,
  valueOptions: ['until'],
  async run({ args, options, openWorkspace }): Promise<SnoozeState> {
    if (args.length === 2 && args[0] === 'cancel') return invokeCoreRequest(openWorkspace(), 'snooze.cancel', { supporterId: args[1] as string });
    if (args.length !== 1 || args[0] === '') throw new CliUsageError('give one supporter id');
    return invokeCoreRequest(openWorkspace(), 'snooze.set', { supporterId: args[0] as string, until: requireTextOption(options, 'until', 'an ISO-8601 time with a zone') });
  },
  formatHuman(output) {
    const result = output as SnoozeState;
    return result.snoozedUntil === null ? `${result.supporterId} is no longer snoozed.` : `${result.supporterId} is snoozed until ${result.snoozedUntil}.`;
  },
};
