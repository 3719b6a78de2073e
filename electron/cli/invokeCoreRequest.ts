import type { ApiInput, ApiOutput, ApiRequestName } from '../../shared/contract/apiContract';
import { createRequestHandlers } from '../core/api/createRequestHandlers';
import { invokeRequest, type FailureWording } from '../core/api/invokeRequest';
import { FAULT_MESSAGES } from '../core/db/classifyDatabaseError';
import type { CoreServices } from '../core/createCoreServices';

const handlers = createRequestHandlers();

/**
 * The CLI keeps no log and repairs nothing mid-command: it prints the error itself, and a damaged
 * file is left where it is for the next open to deal with (the console rebuilds a damaged cache;
 * any open salvages a damaged outbox).
 */
export const CLI_WORDING: FailureWording = {
  internal: 'Something went wrong in the core; the error is printed above.',
  faults: {
    ...FAULT_MESSAGES,
    damaged:
      'The workspace cache (cache.sqlite) is damaged, so nothing was changed. Open the workspace in Supporter CRM (the app or `npm run web`) to move it aside and rebuild it; queued actions are in outbox.sqlite, which this does not touch.',
    outbox_damaged:
      'The file of queued actions (outbox.sqlite) is damaged, so nothing was changed. Run the command again: opening the workspace salvages the actions that can be read back into a fresh outbox and says how many could not be.',
  },
};

/** The CLI's transport: a direct call through the same validated boundary as IPC and WebSocket. */
export async function invokeCoreRequest<Name extends ApiRequestName>(services: CoreServices, name: Name, input: ApiInput<Name>): Promise<ApiOutput<Name>> {
  const result = await invokeRequest(services, handlers, name, input, (error) => console.error(error), undefined, CLI_WORDING);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as ApiOutput<Name>;
}
