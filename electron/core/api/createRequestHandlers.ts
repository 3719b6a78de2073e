import { actionHandlers } from './handlers/actionHandlers';
import { alertHandlers } from './handlers/alertHandlers';
import { clvHandlers } from './handlers/clvHandlers';
import { engineHandlers } from './handlers/engineHandlers';
import { memoryHandlers } from './handlers/memoryHandlers';
import { settingsHandlers } from './handlers/settingsHandlers';
import { syncHandlers } from './handlers/syncHandlers';
import { workspaceHandlers } from './handlers/workspaceHandlers';
import { mergeHandlerGroups } from './mergeHandlerGroups';
import type { RequestHandlers } from './requestHandler';

/**
 * Every request of the contract mapped to the feature that answers it. `satisfies` makes a
 * contract request without a handler a compile error; `mergeHandlerGroups` makes two groups
 * answering the same request one (and a start-up error where types cannot tell).
 */
export function createRequestHandlers(): RequestHandlers {
  return mergeHandlerGroups([
    workspaceHandlers,
    engineHandlers,
    settingsHandlers,
    syncHandlers,
    alertHandlers,
    actionHandlers,
    clvHandlers,
    memoryHandlers,
  ]) satisfies RequestHandlers;
}
