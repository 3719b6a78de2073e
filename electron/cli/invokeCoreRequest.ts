import type { ApiInput, ApiOutput, ApiRequestName } from '../../shared/contract/apiContract';
import { createRequestHandlers } from '../core/api/createRequestHandlers';
import { invokeRequest } from '../core/api/invokeRequest';
import type { CrmCore } from '../core/crmCore';

const handlers = createRequestHandlers();

/** The CLI's transport: a direct call through the same validated boundary as IPC and WebSocket. */
export async function invokeCoreRequest<Name extends ApiRequestName>(core: CrmCore, name: Name, input: ApiInput<Name>): Promise<ApiOutput<Name>> {
  const result = await invokeRequest(core, handlers, name, input, (error) => console.error(error));
  if (!result.ok) throw new Error(result.error.message);
  return result.value as ApiOutput<Name>;
}
