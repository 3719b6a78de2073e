import { describe, expect, it } from 'vitest';
import { describeTransportError } from './describeTransportError';

const fetchFailure = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause });

describe('describeTransportError', () => {
  it('says in plain words what a network or certificate code means, with the code', () => {
    expect(describeTransportError(fetchFailure({ code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED: nothing is listening there');
    expect(describeTransportError(fetchFailure({ code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: "Hostname/IP does not match certificate's altnames: IP: 10.0.0.1" }))).toBe(
      'ERR_TLS_CERT_ALTNAME_INVALID: its certificate is for another address',
    );
    expect(describeTransportError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe('ECONNRESET: the connection was cut');
  });

  it('keeps an unknown code as it is, a short cause as it is, and says "connection failed" otherwise', () => {
    expect(describeTransportError(fetchFailure({ code: 'E_SOMETHING_NEW' }))).toBe('E_SOMETHING_NEW');
    expect(describeTransportError(fetchFailure({ message: 'bad port' }))).toBe('bad port');
    expect(describeTransportError(fetchFailure({ message: 'x'.repeat(200) }))).toBe('connection failed');
    expect(describeTransportError(null)).toBe('connection failed');
    expect(describeTransportError('a string')).toBe('connection failed');
  });
});
