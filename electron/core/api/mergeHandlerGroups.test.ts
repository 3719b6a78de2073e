import { describe, expect, it } from 'vitest';
import { API_REQUEST_NAMES } from '../../../shared/contract/apiRequestNames';
import { createRequestHandlers } from './createRequestHandlers';
import { settingsHandlers } from './handlers/settingsHandlers';
import { workspaceHandlers } from './handlers/workspaceHandlers';
import { mergeHandlerGroups } from './mergeHandlerGroups';
import type { RequestHandlers } from './requestHandler';

const ping: RequestHandlers<'system.ping'> = { 'system.ping': () => ({ pong: true }) };
const twoGroupsSize = Object.keys(workspaceHandlers).length + Object.keys(settingsHandlers).length;

describe('mergeHandlerGroups', () => {
  it('answers every request of the contract with exactly one handler', () => {
    expect(Object.keys(createRequestHandlers()).sort()).toEqual([...API_REQUEST_NAMES].sort());
  });

  it('refuses at start-up two groups that answer the same request (where their types could not tell)', () => {
    const groups: Partial<RequestHandlers>[] = [workspaceHandlers, settingsHandlers, ping];
    expect(() => mergeHandlerGroups(groups)).toThrow('Two handler groups answer "system.ping"; each request needs exactly one handler.');
    expect(Object.keys(mergeHandlerGroups([workspaceHandlers, settingsHandlers]))).toHaveLength(twoGroupsSize);
  });

  it('is checked by the compiler: a shared request name, and a contract request without a handler, do not compile', () => {
    // Type-level tests: `tsc` fails if either line compiles (the expect-error would be unused).
    // @ts-expect-error — workspaceHandlers already answers system.ping.
    const duplicate = () => mergeHandlerGroups([workspaceHandlers, ping]);
    // @ts-expect-error — only the workspace and settings requests have handlers.
    const incomplete = () => mergeHandlerGroups([workspaceHandlers, settingsHandlers]) satisfies RequestHandlers;
    expect(duplicate).toThrow(/Two handler groups answer "system.ping"/);
    expect(Object.keys(incomplete())).toHaveLength(twoGroupsSize);
  });
});
