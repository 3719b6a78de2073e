import type { ActionResult, ExpectedImpact } from '../../../shared/contract/apiTypes';
import { impactBasisText } from '../../../shared/domain/impactBasisText';
import { CliUsageError, type CliCommand } from '../cliCommand';
import { invokeCoreRequest } from '../invokeCoreRequest';

/** SPEC §10 `action` output; `expectedImpact` carries SPEC §12's `basis` and `sampleSize`. */
export interface ActionCommandResult {
  status: ActionResult['status'];
  reason?: string;
  expectedImpact: ExpectedImpact | null;
}

/** The human line under the status: the figures and where they come from (the JSON output names no type, so neither does this). */
function describeExpectedImpact(impact: ExpectedImpact | null): string {
  if (!impact) return 'no expected impact';
  return `expected: ${impact.conversionProbability}% chance, ~${impact.estimatedTokens} tokens, window ${impact.timeWindow} (${impactBasisText(null, impact)})`;
}

export const actionCommand: CliCommand = {
  name: 'action',
  usage: 'action SUPPORTER_ID TYPE [--now ISO]',
  summary: 'runs one CRM action for one supporter (a refused action prints status "rejected" with its reason and exits 0)',
  writes: true,
  async run({ args, openWorkspace }): Promise<ActionCommandResult> {
    if (args.length < 2) throw new CliUsageError('give one supporter id and one action type');
    const type = args[args.length - 1] as string;
    // More than one supporter is not a usage slip to correct quietly: the core refuses it and logs it.
    const supporterIds = args.slice(0, -1);
    const supporterId = supporterIds.length === 1 ? (supporterIds[0] as string) : supporterIds;
    const result = await invokeCoreRequest(openWorkspace(), 'actions.run', { supporterId, type });
    return { status: result.status, ...(result.reason === undefined ? {} : { reason: result.reason }), expectedImpact: result.expectedImpact };
  },
  formatHuman(output) {
    const result = output as ActionCommandResult;
    return [`${result.status}${result.reason ? `: ${result.reason}` : ''}`, describeExpectedImpact(result.expectedImpact)].join('\n');
  },
};
