import type { ApiRequestName } from '../../../shared/contract/apiContract';
import type { RequestHandlers } from './requestHandler';

type HandlerGroup = Partial<RequestHandlers>;

/** Every key of every member of a union (`keyof (A | B)` would give only the shared ones). */
type KeysOf<T> = T extends unknown ? keyof T : never;

/** The request names that appear in more than one group of the tuple (never, when they are disjoint). */
type SharedNames<Groups extends readonly HandlerGroup[]> = Groups extends readonly [infer Head extends HandlerGroup, ...infer Tail extends readonly HandlerGroup[]]
  ? (keyof Head & KeysOf<Tail[number]>) | SharedNames<Tail>
  : never;

type Merged<Groups extends readonly HandlerGroup[]> = { [Name in KeysOf<Groups[number]> & ApiRequestName]: RequestHandler<Name> };
type RequestHandler<Name extends ApiRequestName> = RequestHandlers<Name>[Name];

/**
 * The groups must not share a request name: a spread would let the later one win without a word.
 * At compile time the parameter type turns into a message naming the shared requests; at start-up
 * (for groups whose types are too wide to tell) the same check throws.
 */
type DisjointCheck<Groups extends readonly HandlerGroup[]> = [SharedNames<Groups>] extends [never]
  ? unknown
  : { error: 'Two handler groups answer the same request'; requests: SharedNames<Groups> };

/**
 * Joins the features' handler groups into one map of the contract. The result's type has exactly
 * the groups' requests, so `satisfies RequestHandlers` at the call site refuses a contract request
 * that no group answers.
 */
export function mergeHandlerGroups<const Groups extends readonly HandlerGroup[]>(groups: Groups & DisjointCheck<Groups>): Merged<Groups> {
  const merged: Partial<Record<ApiRequestName, unknown>> = {};
  for (const group of groups as readonly HandlerGroup[]) {
    for (const name of Object.keys(group) as ApiRequestName[]) {
      if (Object.hasOwn(merged, name)) throw new Error(`Two handler groups answer "${name}"; each request needs exactly one handler.`);
      merged[name] = group[name];
    }
  }
  return merged as Merged<Groups>;
}
