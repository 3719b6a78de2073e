import type { Page } from '@playwright/test';
import type { ApiInput, ApiOutput, ApiRequestName } from '../../../shared/contract/apiContract';
import type { ApiResult } from '../../../shared/contract/apiResult';

/**
 * Calls the core the way the console does, over a second WebSocket opened inside the page (same
 * origin, same session cookie). Tests use it for ground truth ("what does the engine say Anna
 * spent?") and to change data behind the console's back (an action from "another window").
 */
export async function callHostApi<Name extends ApiRequestName>(page: Page, name: Name, input: ApiInput<Name>): Promise<ApiResult<ApiOutput<Name>>> {
  return page.evaluate(
    ([requestName, requestInput]) =>
      new Promise<unknown>((resolve, reject) => {
        const socket = new WebSocket(`ws://${location.host}/api`);
        socket.addEventListener('open', () => socket.send(JSON.stringify({ id: 1, name: requestName, input: requestInput })));
        socket.addEventListener('message', (message) => {
          const data = JSON.parse(String(message.data)) as { id?: number; result?: unknown };
          if (data.id !== 1) return;
          socket.close();
          resolve(data.result);
        });
        socket.addEventListener('error', () => reject(new Error('WebSocket to the console host failed')));
      }),
    [name, input] as const,
  ) as unknown as Promise<ApiResult<ApiOutput<Name>>>;
}

/** `callHostApi` for requests that must succeed: returns the value or throws with the core's error. */
export async function hostValue<Name extends ApiRequestName>(page: Page, name: Name, input: ApiInput<Name>): Promise<ApiOutput<Name>> {
  const result = await callHostApi(page, name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}
