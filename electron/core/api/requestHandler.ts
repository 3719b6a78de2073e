import type { ApiOutput, ApiParsedInput, ApiRequestName } from '../../../shared/contract/apiContract';
import type { CoreServices } from '../createCoreServices';

export type RequestHandler<Name extends ApiRequestName> = (
  services: CoreServices,
  input: ApiParsedInput<Name>,
) => ApiOutput<Name> | Promise<ApiOutput<Name>>;

/** A feature's share of the contract: the requests it answers. */
export type RequestHandlers<Names extends ApiRequestName = ApiRequestName> = { [Name in Names]: RequestHandler<Name> };
