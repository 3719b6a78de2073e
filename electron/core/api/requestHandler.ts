import type { ApiOutput, ApiParsedInput, ApiRequestName } from '../../../shared/contract/apiContract';
import type { CrmCore } from '../crmCore';

export type RequestHandler<Name extends ApiRequestName> = (
  core: CrmCore,
  input: ApiParsedInput<Name>,
) => ApiOutput<Name> | Promise<ApiOutput<Name>>;

/** A feature's share of the contract: the requests it answers. */
export type RequestHandlers<Names extends ApiRequestName = ApiRequestName> = { [Name in Names]: RequestHandler<Name> };
