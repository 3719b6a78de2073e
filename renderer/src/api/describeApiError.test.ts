import { describe, expect, it } from 'vitest';
import { invokeRequest } from '../../../electron/core/api/invokeRequest';
import type { ApiResult } from '../../../shared/contract/apiResult';
import { ApiCallError } from './callApi';
import { describeApiError } from './describeApiError';

/** The core's own answer to an input its contract refuses (validation runs before any handler). */
async function refusedByContract(name: string, input: unknown): Promise<ApiCallError> {
  const result: ApiResult<unknown> = await invokeRequest(undefined as never, {} as never, name, input);
  if (result.ok) throw new Error(`${name} accepted ${JSON.stringify(input)}`);
  return new ApiCallError(result.error);
}

/** What zod and the boundary write for developers; none of it may reach the creator. */
const SCHEMA_WORDS = /Invalid input for|Invalid URL|Invalid input|expected|received|Too (big|small)|serverUrl|\.strict|Unrecognized key/i;

describe('describeApiError', () => {
  it('explains a feature that is not built yet, and lets the creator retry', () => {
    const view = describeApiError(new ApiCallError({ code: 'not_implemented', message: '"inbox.page" is not implemented yet' }));
    expect(view).toEqual({ code: 'not_implemented', message: 'This part of the console is not available in this version yet.', retryable: true });
  });

  it('keeps the core’s own words for a rejection, without a pointless retry', () => {
    const view = describeApiError(new ApiCallError({ code: 'rejected', message: 'Earning is switched off.' }));
    expect(view).toEqual({ code: 'rejected', message: 'Earning is switched off.', retryable: false });
  });

  it('keeps the core’s words for what it cannot do now (disk full, not connected), with a retry', () => {
    const view = describeApiError(new ApiCallError({ code: 'unavailable', message: 'The disk is full, so nothing was changed. Free some space and try again.' }));
    expect(view).toEqual({ code: 'unavailable', message: 'The disk is full, so nothing was changed. Free some space and try again.', retryable: true });
  });

  it('says what to type when the platform address is missing (not a schema message)', async () => {
    const error = await refusedByContract('sync.connect', { serverUrl: '', token: 'abc' });
    expect(error.error).toMatchObject({ code: 'invalid_input', field: 'serverUrl' });
    expect(describeApiError(error)).toEqual({
      code: 'invalid_input',
      message: 'Enter the platform’s address — for example platform.example.com or https://platform.example.com (http:// only for a server on this computer).',
      retryable: false,
    });
  });

  it('never shows a schema message, whatever the contract refuses', async () => {
    const refusals: [string, unknown][] = [
      ['sync.connect', { serverUrl: '', token: 'abc' }],
      ['sync.connect', { serverUrl: 'x'.repeat(2001), token: 'abc' }],
      ['sync.connect', { serverUrl: 'https://platform.example.com', token: '' }],
      ['sync.connect', { serverUrl: 'https://platform.example.com' }],
      ['inbox.page', { tab: 'all', search: 'x'.repeat(101) }],
      ['inbox.page', { tab: 'nope' }],
      ['inbox.page', { tab: 'all', extra: 1 }],
      ['profile.get', { supporterId: '' }],
      ['alerts.dismiss', { alertId: 'x'.repeat(300) }],
      ['settings.update', { vipTabSize: 0 }],
      ['settings.update', { notifications: { minPriority: 'low', enabledTypes: {}, quietHours: { enabled: true, start: '25:00', end: '07:00' } } }],
      ['settings.update', { fanClubPrices: { silver: -1, gold: 1, diamond: 1, royal_elite: 1 } }],
      ['actions.metrics', { days: 9 }],
      ['system.ping', 'not an object'],
    ];
    for (const [name, input] of refusals) {
      const view = describeApiError(await refusedByContract(name, input));
      expect(view.code).toBe('invalid_input');
      expect(view.message, `${name} ${JSON.stringify(input).slice(0, 60)}`).not.toMatch(SCHEMA_WORDS);
      expect(view.message.length).toBeGreaterThan(20);
    }
  });

  it('keeps a feature’s own sentence for invalid input, but never a schema message that arrived without its field', () => {
    expect(describeApiError(new ApiCallError({ code: 'invalid_input', message: 'Sorting by "chance_active" is only available on the All tab' })).message).toBe(
      'Sorting by "chance_active" is only available on the All tab',
    );
    expect(describeApiError(new ApiCallError({ code: 'invalid_input', message: 'Invalid input for "system.ping": expected object' })).message).not.toMatch(SCHEMA_WORDS);
  });

  it('explains the transport’s own failures: a dropped connection, no answer in time, a page older than its host', () => {
    expect(describeApiError(new ApiCallError({ code: 'disconnected', message: 'The connection to the console was lost before it answered.' }))).toEqual({
      code: 'disconnected',
      message: 'The console lost its connection before it answered, so this may or may not have been done. Check, then try again.',
      retryable: true,
    });
    expect(describeApiError(new ApiCallError({ code: 'timeout', message: 'The console did not answer within 30 s.' }))).toMatchObject({ retryable: true, message: 'The console did not answer in time. Try again in a moment.' });
    expect(describeApiError(new ApiCallError({ code: 'unknown_request', message: 'Unknown request "queue.next"' }))).toEqual({
      code: 'unknown_request',
      message: 'This page and the console are different versions. Reload the page.',
      retryable: false,
    });
  });

  it('handles anything thrown', () => {
    expect(describeApiError(new Error('socket closed'))).toEqual({ code: 'client', message: 'socket closed', retryable: true });
    expect(describeApiError('weird')).toMatchObject({ code: 'client', retryable: true });
  });
});
