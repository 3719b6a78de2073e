import type { ApiRequestName } from '../../../shared/contract/apiContract';
import { ApiFailure } from '../../../shared/contract/apiResult';
import { actionHandlers } from './handlers/actionHandlers';
import { alertHandlers } from './handlers/alertHandlers';
import { clvHandlers } from './handlers/clvHandlers';
import { engineHandlers } from './handlers/engineHandlers';
import { memoryHandlers } from './handlers/memoryHandlers';
import { settingsHandlers } from './handlers/settingsHandlers';
import { syncHandlers } from './handlers/syncHandlers';
import { workspaceHandlers } from './handlers/workspaceHandlers';
import type { RequestHandler, RequestHandlers } from './requestHandler';

function notImplementedYet<Name extends ApiRequestName>(name: Name): RequestHandler<Name> {
  return () => {
    throw new ApiFailure('not_implemented', `"${name}" is not implemented yet`);
  };
}

const NOT_YET: ApiRequestName[] = [];

/** Every request of the contract mapped to the feature that answers it. */
export function createRequestHandlers(): RequestHandlers {
  const placeholders = Object.fromEntries(NOT_YET.map((name) => [name, notImplementedYet(name)]));
  return {
    ...(placeholders as RequestHandlers),
    ...workspaceHandlers,
    ...engineHandlers,
    ...settingsHandlers,
    ...syncHandlers,
    ...alertHandlers,
    ...actionHandlers,
    ...clvHandlers,
    ...memoryHandlers,
  };
}
