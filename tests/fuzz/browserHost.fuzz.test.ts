import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pingOverWebSocket, prepareWorkspace, startHostUnderAttack, type HostUnderAttack } from '../support/hostUnderAttack';
import { closeFrame, encodeFrame, OPCODE, rawExchange, upgradeRequest, type RawExchange } from '../support/rawWebSocket';
import { adversarialValue } from './adversarialValues';

/**
 * Raw bytes at the browser host's port, as any local process could send them (issue 16 item 2):
 * HTTP requests with broken request lines, targets, headers and bodies, and WebSocket sessions
 * with hand-written frames — valid requests mixed with every kind of protocol violation. The host
 * runs as a child process (the real `electron/web/main.ts` and core worker), so a crash is an
 * observable exit, not a dead test runner. Seeded: `CRM_FUZZ_SEED=N` reruns another sequence.
 */
const SEED = Number(process.env.CRM_FUZZ_SEED ?? 20_260_316);
const HTTP_INPUTS = 5_000;
const WEBSOCKET_INPUTS = 5_000;
const PARALLEL = 16;
const HEALTH_CHECK_EVERY = 500;

let workspace: { dataDir: string; rendererDir: string };
let target: HostUnderAttack;

beforeAll(async () => {
  workspace = await prepareWorkspace();
  target = await startHostUnderAttack(workspace);
});

afterAll(async () => {
  await target?.host.stop();
});

/** One input: the bytes to write, how to end the connection, and a label for the report. */
interface FuzzInput {
  kind: string;
  chunks(target: HostUnderAttack): Buffer[];
  ending: 'half-close' | 'reset' | 'wait';
}

const ending = fc.constantFrom<FuzzInput['ending']>('half-close', 'half-close', 'half-close', 'reset', 'wait');
const text = fc.string({ unit: 'binary', maxLength: 40 });
const bytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((array) => Buffer.from(array));

const httpTarget = fc.oneof(
  fc.constantFrom('/', '/api', '/index.html', '/assets/app.js', 'http://[', 'http://127.0.0.1/', '*', '//evil.example/', '/%', '/%zz%', '/..%2f..%2f..%2fetc%2fpasswd', '/\u0000', '/?token=', '/?token=%00', ''),
  fc.constant('TOKEN'),
  text.map((value) => `/${value}`),
  text,
  fc.integer({ min: 1, max: 70_000 }).map((length) => `/${'a'.repeat(length)}`),
);
const httpHeader = fc.oneof(
  fc.constantFrom('Host: HOST', 'Host: evil.example', 'Host: ', 'Host: 127.0.0.1:1', 'Origin: ORIGIN', 'Origin: null', 'Origin: https://evil.example'),
  fc.constantFrom('Cookie: COOKIE', 'Cookie: crm_session=1', 'Cookie: ;;==;', 'Content-Length: 5', 'Content-Length: -1', 'Content-Length: 99999999999', 'Content-Length: x'),
  fc.constantFrom('Transfer-Encoding: chunked', 'Transfer-Encoding: gzip, chunked', 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: x', 'Sec-WebSocket-Version: 99', 'Expect: 100-continue'),
  fc.tuple(text, text).map(([name, value]) => `${name}: ${value}`),
  fc.integer({ min: 1, max: 100_000 }).map((length) => `X-Long: ${'b'.repeat(length)}`),
);
const httpInput: fc.Arbitrary<FuzzInput> = fc.oneof(
  fc
    .record({
      method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE', 'PATCH', 'G\u0000T', 'BREW', ''),
      target: httpTarget,
      version: fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', '', 'FOO'),
      headers: fc.array(httpHeader, { maxLength: 8 }),
      body: bytes(2000),
      ending,
    })
    .map(({ method, target: requestTarget, version, headers, body, ending: end }) => ({
      kind: 'http request',
      ending: end,
      chunks: (host: HostUnderAttack) => {
        const fill = (value: string) =>
          value
            .replace('TOKEN', `/?token=${host.host.token}`)
            .replace('HOST', `127.0.0.1:${host.host.port}`)
            .replace('ORIGIN', host.origin)
            .replace('COOKIE', host.cookie);
        const head = `${method} ${fill(requestTarget)} ${version}\r\n${headers.map(fill).join('\r\n')}\r\n\r\n`;
        return [Buffer.from(head, 'latin1'), body];
      },
    })),
  fc.record({ raw: bytes(4000), ending }).map(({ raw, ending: end }) => ({ kind: 'http random bytes', ending: end, chunks: () => [raw] })),
);

const requestNames = fc.constantFrom('system.ping', 'workspace.info', 'inbox.counts', 'settings.get', 'alerts.list', 'profile.get', 'no.such', '__proto__', 'constructor', '');
const jsonRequest = fc.record({ id: fc.oneof(fc.integer(), fc.constant(Number.MAX_SAFE_INTEGER + 2), fc.constant(null)), name: requestNames, input: adversarialValue() }).map((request) => {
  try {
    return JSON.stringify(request);
  } catch {
    return '{}';
  }
});
const deepJson = fc.integer({ min: 33, max: 300_000 }).map((depth) => `{"id":1,"name":"system.ping","input":${'['.repeat(depth)}${']'.repeat(depth)}}`);
const closeCodes = fc.constantFrom(0, 999, 1000, 1001, 1004, 1005, 1006, 1012, 1015, 2999, 3000, 4999, 5000, 65_535);
const frame: fc.Arbitrary<{ label: string; bytes: Buffer }> = fc.oneof(
  jsonRequest.map((json) => ({ label: 'request', bytes: encodeFrame({ opcode: OPCODE.text, payload: json }) })),
  deepJson.map((json) => ({ label: 'deep json', bytes: encodeFrame({ opcode: OPCODE.text, payload: json }) })),
  text.map((value) => ({ label: 'not json', bytes: encodeFrame({ opcode: OPCODE.text, payload: value }) })),
  bytes(200).map((payload) => ({ label: 'binary or bad utf-8', bytes: encodeFrame({ opcode: payload.length % 2 ? OPCODE.binary : OPCODE.text, payload: Buffer.concat([payload, Buffer.from([0xc3, 0x28])]) }) })),
  fc.constantFrom(0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf).map((opcode) => ({ label: 'reserved opcode', bytes: encodeFrame({ opcode, payload: 'x' }) })),
  jsonRequest.map((json) => ({ label: 'unmasked', bytes: encodeFrame({ opcode: OPCODE.text, payload: json, masked: false }) })),
  fc.integer({ min: 1, max: 7 }).map((rsv) => ({ label: 'reserved bits', bytes: encodeFrame({ opcode: OPCODE.text, payload: '{}', rsv }) })),
  fc.constantFrom(1024 * 1024 + 1, 2 ** 32, 2 ** 53).map((claimedLength) => ({ label: 'oversized', bytes: encodeFrame({ opcode: OPCODE.text, payload: 'x', claimedLength }) })),
  fc.integer({ min: 10, max: 100_000 }).map((claimedLength) => ({ label: 'truncated', bytes: encodeFrame({ opcode: OPCODE.text, payload: '{"id":1', claimedLength }) })),
  fc.tuple(closeCodes, text).map(([code, reason]) => ({ label: 'close code', bytes: closeFrame(code, reason) })),
  fc.constant({ label: 'close with 1 byte', bytes: encodeFrame({ opcode: OPCODE.close, payload: Buffer.from([3]) }) }),
  fc.integer({ min: 0, max: 300 }).map((length) => ({ label: 'ping', bytes: encodeFrame({ opcode: OPCODE.ping, payload: Buffer.alloc(length, 1) }) })),
  fc.constant({ label: 'fragmented ping', bytes: encodeFrame({ opcode: OPCODE.ping, fin: false, payload: 'p' }) }),
  fc.constant({ label: 'stray continuation', bytes: encodeFrame({ opcode: OPCODE.continuation, payload: '}' }) }),
  fc.constant({ label: 'unfinished fragment', bytes: encodeFrame({ opcode: OPCODE.text, fin: false, payload: '{"id":' }) }),
  bytes(64).map((raw) => ({ label: 'random bytes', bytes: raw })),
);
const websocketInput: fc.Arbitrary<FuzzInput> = fc
  .record({
    handshake: fc.constantFrom('valid', 'valid', 'valid', 'valid', 'bad key', 'bad version', 'no cookie', 'foreign origin'),
    frames: fc.array(frame, { minLength: 1, maxLength: 6 }),
    ending,
  })
  .map(({ handshake, frames, ending: end }) => ({
    kind: `websocket ${handshake}: ${frames.map((item) => item.label).join(', ')}`,
    ending: end,
    chunks: (host: HostUnderAttack) => {
      const { port } = host.host;
      const base = { port, cookie: host.cookie, origin: host.origin };
      const request = {
        valid: base,
        'bad key': { ...base, key: 'not-a-key' },
        'bad version': { ...base, version: '8' },
        'no cookie': { port, origin: host.origin },
        'foreign origin': { ...base, origin: 'https://evil.example' },
      }[handshake]!;
      return [Buffer.from(upgradeRequest(request)), ...frames.map((item) => item.bytes)];
    },
  }));

function outcome(exchange: RawExchange): string {
  if (exchange.status === null) return `no status (${exchange.endedBy})`;
  if (exchange.status !== 101) return `HTTP ${exchange.status}`;
  if (exchange.closeCode !== null) return `closed ${exchange.closeCode}`;
  return exchange.texts.length > 0 ? `answered (${exchange.endedBy})` : `open, no answer (${exchange.endedBy})`;
}

describe('browser host under raw HTTP and WebSocket fuzzing', () => {
  it(`stays up through ${HTTP_INPUTS + WEBSOCKET_INPUTS} hostile inputs (seed ${SEED})`, { timeout: 900_000 }, async () => {
    const inputs = [...fc.sample(httpInput, { numRuns: HTTP_INPUTS, seed: SEED }), ...fc.sample(websocketInput, { numRuns: WEBSOCKET_INPUTS, seed: SEED + 1 })];
    const outcomes = new Map<string, number>();
    const exits: { code: number | null; suspects: string[]; stderr: string }[] = [];
    let healthChecks = 0;
    for (let start = 0; start < inputs.length; start += PARALLEL) {
      const batch = inputs.slice(start, start + PARALLEL);
      const exchanges = await Promise.all(
        batch.map((input) =>
          rawExchange(target.host.port, input.chunks(target), { waitMs: input.ending === 'wait' ? 200 : 2000, halfClose: input.ending === 'half-close', reset: input.ending === 'reset' }),
        ),
      );
      for (const exchange of exchanges) outcomes.set(outcome(exchange), (outcomes.get(outcome(exchange)) ?? 0) + 1);
      const checkNow = (start + PARALLEL) % HEALTH_CHECK_EVERY < PARALLEL || start + PARALLEL >= inputs.length;
      const alive = checkNow ? await pingOverWebSocket(target).then(() => true, () => false) : true;
      if (checkNow) healthChecks += 1;
      if (!alive || target.host.exitCode() !== null) {
        // Keep going on a fresh host so one crash does not hide the others; every one is reported.
        exits.push({ code: target.host.exitCode(), suspects: batch.map((input) => input.kind), stderr: target.host.stderr().slice(-2000) });
        await target.host.stop();
        target = await startHostUnderAttack(workspace);
      }
    }
    const finalAnswer = await pingOverWebSocket(target);
    const exitCodeBeforeStop = target.host.exitCode();
    // Whatever the fuzz left half-open, SIGTERM still ends the host promptly and cleanly.
    const stopStarted = performance.now();
    await Promise.race([target.host.stop(), new Promise((resolve) => setTimeout(resolve, 15_000))]);
    const stopMs = performance.now() - stopStarted;

    expect(exits).toEqual([]);
    expect(exitCodeBeforeStop).toBeNull();
    expect(finalAnswer).toEqual({ ok: true, value: { pong: true } });
    expect(target.host.exitCode()).toBe(0);

    const report = [...outcomes.entries()].sort((a, b) => b[1] - a[1]).map(([label, count]) => `${label}: ${count}`);
    console.info(
      `Browser host fuzz (seed ${SEED}): ${inputs.length} inputs (${HTTP_INPUTS} raw HTTP, ${WEBSOCKET_INPUTS} raw WebSocket), ` +
        `process exits 0, health checks passed ${healthChecks}/${healthChecks}, clean stop afterwards in ${Math.round(stopMs)} ms; outcomes — ${report.join('; ')}`,
    );
  });
});
