import type { ApiInput, ApiOutput, ApiRequestName } from './apiContract';
import type { ApiResult } from './apiResult';
import type { CoreEvent } from './apiTypes';

/** What the renderer sees as `window.crm`, whichever transport is behind it. */
export type CrmRequestMethods = {
  [Name in ApiRequestName]: (input: ApiInput<Name>) => Promise<ApiResult<ApiOutput<Name>>>;
};

export interface CrmBridge {
  requests: CrmRequestMethods;
  /** Subscribe to pushed core events; returns an unsubscribe function. */
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /** Routes such as `supporter/<id>` requested by the shell (notification click, deep link). */
  onNavigate(listener: (route: string) => void): () => void;
  transport: 'electron' | 'browser';
}
