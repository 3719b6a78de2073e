import type { FollowUpAdded, FollowUpCancelled } from '../../../shared/domain/supporterMemory';
import { CliUsageError, type CliCommand } from '../cliCommand';
import { requirePositional } from '../cliOptions';
import { invokeCoreRequest } from '../invokeCoreRequest';
import { requireTextOption } from './requireTextOption';

/** SPEC §13 follow-ups: "remind me about this supporter at T", with optional private text (guarded like a note). */
export const followupCommand: CliCommand = {
  name: 'followup',
  usage: 'followup add SUPPORTER_ID --at ISO [--text T] [--now ISO] | followup cancel FOLLOWUP_ID',
  summary: 'sets a reminder about one supporter at a future time, or cancels one',
  writes: true,
  valueOptions: ['at', 'text'],
  async run({ args, options, openWorkspace }): Promise<FollowUpAdded | FollowUpCancelled> {
    const [verb] = args;
    if (verb === 'add') {
      const text = options.text;
      if (typeof text === 'boolean') throw new CliUsageError('--text needs the reminder text');
      return invokeCoreRequest(openWorkspace(), 'followUps.add', {
        supporterId: requirePositional(args, 1, 'SUPPORTER_ID'),
        dueAt: requireTextOption(options, 'at', 'an ISO-8601 time with a zone'),
        ...(text === undefined ? {} : { text }),
      });
    }
    if (verb === 'cancel') return invokeCoreRequest(openWorkspace(), 'followUps.cancel', { followUpId: requirePositional(args, 1, 'FOLLOWUP_ID') });
    throw new CliUsageError(verb === undefined ? 'say what to do: add or cancel' : `unknown followup command "${verb}"`);
  },
  formatHuman(output) {
    const result = output as FollowUpAdded | FollowUpCancelled;
    return 'cancelled' in result ? `Cancelled follow-up ${result.followUpId}.` : `Follow-up ${result.followUpId} for ${result.supporterId} due ${result.dueAt}.`;
  },
};
