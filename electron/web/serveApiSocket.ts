import type { WebSocket } from 'ws';
import type { ApiResult } from '../../shared/contract/apiResult';
import type { CoreEvent } from '../../shared/contract/apiTypes';
import { exceedsNestingDepth, MAX_REQUEST_NESTING } from '../../shared/rpc/exceedsNestingDepth';

export interface CoreBackend {
  invoke(name: string, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
}

/**
 * Requests one socket may have waiting at once. The console sends a handful; a process flooding
 * the port gets told to wait instead of queueing unbounded work in the core.
 */
export const MAX_REQUESTS_IN_FLIGHT = 64;

/** RFC 6455 §7.4.1: the endpoint received data of a type it cannot accept. */
const UNSUPPORTED_DATA = 1003;

/**
 * One authorised WebSocket: `{id, name, input}` requests to the core, `{id, result}` answers and
 * `{event}` pushes back. Nothing a client sends can throw out of here: protocol errors close the
 * socket with their code, and malformed, binary, too deeply nested or too many requests are
 * answered or refused before anything reaches the core.
 */
export function serveApiSocket(client: WebSocket, backend: CoreBackend): void {
  let inFlight = 0;
  const answer = (id: number | null, result: ApiResult<unknown>) => {
    if (client.readyState === client.OPEN) client.send(JSON.stringify({ id, result }));
  };
  const refuse = (id: number | null, message: string) => answer(id, { ok: false, error: { code: 'invalid_input', message } });

  const unsubscribe = backend.onEvent((event) => {
    if (client.readyState === client.OPEN) client.send(JSON.stringify({ event }));
  });
  client.on('close', unsubscribe);
  // `ws` reports a protocol violation (bad UTF-8, reserved opcode or bits, an unmasked or oversized
  // frame, an invalid close code) here and then closes the socket with the matching code. Without
  // a listener the emitter would throw it out of the process.
  client.on('error', () => undefined);

  client.on('message', (raw, isBinary) => {
    if (isBinary) {
      client.close(UNSUPPORTED_DATA, 'Send requests as JSON text.');
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(String(raw));
    } catch {
      refuse(null, 'Messages must be JSON.');
      return;
    }
    const id = requestId(message);
    // Before anything else touches it: every later step (the worker's structured clone, the
    // core's validation, JSON.stringify) recurses and would overflow on deep nesting.
    if (exceedsNestingDepth(message, MAX_REQUEST_NESTING + 1)) {
      refuse(id, `A request may nest objects and lists at most ${MAX_REQUEST_NESTING} levels deep.`);
      return;
    }
    if (id === null || !isRequestShape(message)) {
      refuse(id, 'Expected {id, name, input}.');
      return;
    }
    if (inFlight >= MAX_REQUESTS_IN_FLIGHT) {
      answer(id, { ok: false, error: { code: 'unavailable', message: 'Too many requests at once; wait for the answers.' } });
      return;
    }
    inFlight += 1;
    void Promise.resolve()
      .then(() => backend.invoke(message.name, message.input))
      .catch((): ApiResult<unknown> => ({ ok: false, error: { code: 'internal', message: 'The console host could not pass the request on.' } }))
      .then((result) => {
        inFlight -= 1;
        answer(id, result);
      });
  });
}

function requestId(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null;
  const id = (value as Record<string, unknown>).id;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : null;
}

function isRequestShape(value: unknown): value is { id: number; name: string; input: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>).name === 'string';
}
