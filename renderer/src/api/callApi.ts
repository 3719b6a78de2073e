import type { ApiInput, ApiOutput, ApiRequestName } from '../../../shared/contract/apiContract';
import type { ApiError } from '../../../shared/contract/apiResult';
import { crmBridge } from './crmBridge';

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

/** Calls one request of the contract; a `{ok: false}` answer becomes an `ApiCallError` for the caller's error state. */
export async function callApi<Name extends ApiRequestName>(name: Name, input: ApiInput<Name>): Promise<ApiOutput<Name>> {
  const method = crmBridge().requests[name] as (input: ApiInput<Name>) => Promise<{ ok: true; value: ApiOutput<Name> } | { ok: false; error: ApiError }>;
  const result = await method(input);
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value;
}
