import type { ApiInput, ApiOutput, ApiRequestName } from '../../shared/contract/apiContract';
import { createRequestHandlers } from '../core/api/createRequestHandlers';
import { invokeRequest } from '../core/api/invokeRequest';
import type { CoreServices } from '../core/createCoreServices';

const handlers = createRequestHandlers();

/** The CLI's transport: a direct call through the same validated boundary as IPC and WebSocket. */
export async function invokeCoreRequest<Name extends ApiRequestName>(services: CoreServices, name: Name, input: ApiInput<Name>): Promise<ApiOutput<Name>> {
  const result = await invokeRequest(services, handlers, name, input, (error) => console.error(error));
  if (!result.ok) throw new Error(result.error.message);
  return result.value as ApiOutput<Name>;
}
