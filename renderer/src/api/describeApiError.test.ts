import { describe, expect, it } from 'vitest';
import { ApiCallError } from './callApi';
import { describeApiError } from './describeApiError';

describe('describeApiError', () => {
  it('explains a feature that is not built yet, and lets the creator retry', () => {
    const view = describeApiError(new ApiCallError({ code: 'not_implemented', message: '"inbox.page" is not implemented yet' }));
    expect(view).toEqual({ code: 'not_implemented', message: 'This part of the console is not available in this version yet.', retryable: true });
  });

  it('keeps the core’s own words for a rejection, without a pointless retry', () => {
    const view = describeApiError(new ApiCallError({ code: 'rejected', message: 'Earning is switched off.' }));
    expect(view).toEqual({ code: 'rejected', message: 'Earning is switched off.', retryable: false });
  });

  it('handles anything thrown', () => {
    expect(describeApiError(new Error('socket closed'))).toEqual({ code: 'client', message: 'socket closed', retryable: true });
    expect(describeApiError('weird')).toMatchObject({ code: 'client', retryable: true });
  });
});
