/**
 * Plain words for the transport errors a creator meets when the platform cannot be reached, each
 * followed by its code so support can tell them apart. Only the code and these words are kept: a
 * transport error never carries a body or a token, but its message may carry an address.
 */
const PLAIN_WORDS: Readonly<Record<string, string>> = {
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'no such host',
  ECONNREFUSED: 'nothing is listening there',
  ECONNRESET: 'the connection was cut',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'that machine cannot be reached from here',
  ENETUNREACH: 'no network route to it',
  UND_ERR_SOCKET: 'the connection was cut',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for another address',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate cannot be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its certificate cannot be verified',
  EPROTO: 'it does not speak HTTPS there',
};

/** "ECONNREFUSED: nothing is listening there", "ERR_TLS_CERT_ALTNAME_INVALID: its certificate is for another address", or a short reason. */
export function describeTransportError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const words = PLAIN_WORDS[code];
    return words === undefined ? code : `${code}: ${words}`;
  }
  // e.g. "bad port": a port browsers and fetch refuse to talk to.
  if (typeof cause?.message === 'string' && cause.message.length < 60) return cause.message;
  return 'connection failed';
}
