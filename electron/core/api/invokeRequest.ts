import { apiContract, type ApiRequestName } from '../../../shared/contract/apiContract';
import { ApiFailure, fail, ok, type ApiResult } from '../../../shared/contract/apiResult';
import type { CoreServices } from '../createCoreServices';
import { classifyDatabaseError, FAULT_MESSAGES, type DatabaseFault } from '../db/classifyDatabaseError';
import type { RequestHandler, RequestHandlers } from './requestHandler';

/** How failures are put to the person using a surface: each says only what that surface really does. */
export interface FailureWording {
  internal: string;
  faults: Record<Exclude<DatabaseFault, null>, string>;
}

/** The console (app and browser host): it logs errors, rebuilds a damaged cache and salvages a damaged outbox. */
export const CONSOLE_WORDING: FailureWording = {
  internal: 'Something went wrong in the core; details are in the log.',
  faults: FAULT_MESSAGES,
};

export function isApiRequestName(name: unknown): name is ApiRequestName {
  return typeof name === 'string' && Object.hasOwn(apiContract, name);
}

/**
 * The boundary every transport goes through: unknown names and invalid inputs are answered with a
 * validation error, never passed on; every failure comes back as `{ok: false}` rather than a throw.
 */
export async function invokeRequest(
  services: CoreServices,
  handlers: RequestHandlers,
  name: unknown,
  rawInput: unknown,
  onInternalError: (error: unknown) => void = () => undefined,
  onDatabaseFault: (fault: Exclude<DatabaseFault, null>, error: unknown) => void = () => undefined,
  wording: FailureWording = CONSOLE_WORDING,
): Promise<ApiResult<unknown>> {
  if (!isApiRequestName(name)) return fail('unknown_request', `Unknown request ${JSON.stringify(String(name).slice(0, 80))}`);
  const parsed = apiContract[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
    const message = `Invalid input for "${name}": ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid'}`;
    // The message is for developers and the CLI; `field` lets a UI say it in the creator's words.
    return { ok: false, error: field ? { code: 'invalid_input', message, field } : { code: 'invalid_input', message } };
  }
  try {
    const handler = handlers[name] as RequestHandler<ApiRequestName>;
    return ok(await handler(services, parsed.data as never));
  } catch (error) {
    if (error instanceof ApiFailure) return fail(error.code, error.message);
    const fault = classifyDatabaseError(error);
    if (fault) {
      // The transaction rolled back, so nothing was half-written; say what the creator can do.
      onDatabaseFault(fault, error);
      return fail('unavailable', wording.faults[fault]);
    }
    onInternalError(error);
    return fail('internal', wording.internal);
  }
}
