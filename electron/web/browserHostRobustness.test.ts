import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeFrame, encodeFrame, OPCODE, rawExchange, upgradeRequest, type RawExchange } from '../../tests/support/rawWebSocket';
import { pingOverWebSocket, prepareWorkspace, startHostUnderAttack, type HostUnderAttack } from '../../tests/support/hostUnderAttack';

/**
 * Each input here once ended the browser host's process (issue 16 item 2). The host runs as a
 * child process; every test sends one input, checks the answer (a 400 or a close code), and then
 * that the process is still there and still answers a well-behaved client.
 */
let workspace: { dataDir: string; rendererDir: string };
let target: HostUnderAttack | null = null;

beforeAll(async () => {
  workspace = await prepareWorkspace();
});

beforeEach(async () => {
  // A host that an earlier test brought down is replaced, so each case is judged on its own.
  const serving = target !== null && (await pingOverWebSocket(target, 3000).then(() => target?.host.exitCode() === null, () => false));
  if (!serving) {
    await target?.host.stop();
    target = await startHostUnderAttack(workspace);
  }
});

afterAll(async () => {
  await target?.host.stop();
});

function host(): HostUnderAttack {
  if (!target) throw new Error('host not started');
  return target;
}

async function expectStillServing(): Promise<void> {
  // A crash takes a moment to be noticed by the parent; the round trip gives it that moment.
  const answer = await pingOverWebSocket(host()).catch((error: unknown) => error);
  expect(host().host.exitCode(), `the host exited; its stderr:\n${host().host.stderr()}`).toBeNull();
  expect(answer).toEqual({ ok: true, value: { pong: true } });
}

/** An authenticated WebSocket handshake followed by hand-written frames. */
function sendFrames(frames: Buffer[], waitMs = 5000): Promise<RawExchange> {
  const { host: { port }, cookie, origin } = host();
  return rawExchange(port, [Buffer.from(upgradeRequest({ port, cookie, origin })), ...frames], {
    waitMs,
    until: (exchange) => exchange.closeCode !== null || exchange.texts.length > 0,
  });
}

describe('the browser host survives what a local process sends', () => {
  it('answers a request target that is not a URL with 400 (page and WebSocket upgrade)', async () => {
    const { port } = host().host;
    const page = await rawExchange(port, [Buffer.from(`GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)], { waitMs: 5000 });
    expect(page.status).toBe(400);
    const upgrade = await rawExchange(port, [Buffer.from(upgradeRequest({ port, target: 'http://[', cookie: host().cookie, origin: host().origin }))], { waitMs: 5000 });
    expect(upgrade.status).toBe(400);
    await expectStillServing();
  });

  it('closes with 1009 on a frame over the size limit', async () => {
    const exchange = await sendFrames([encodeFrame({ opcode: OPCODE.text, payload: 'x', claimedLength: 2 ** 40 })]);
    expect(exchange.status).toBe(101);
    expect(exchange.closeCode).toBe(1009);
    await expectStillServing();
  });

  it('closes with 1007 on text that is not UTF-8', async () => {
    const exchange = await sendFrames([encodeFrame({ opcode: OPCODE.text, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) })]);
    expect(exchange.closeCode).toBe(1007);
    await expectStillServing();
  });

  it('closes with 1002 on a reserved opcode', async () => {
    const exchange = await sendFrames([encodeFrame({ opcode: 0x3, payload: 'x' })]);
    expect(exchange.closeCode).toBe(1002);
    await expectStillServing();
  });

  it('closes with 1002 on an unmasked client frame', async () => {
    const exchange = await sendFrames([encodeFrame({ opcode: OPCODE.text, payload: '{}', masked: false })]);
    expect(exchange.closeCode).toBe(1002);
    await expectStillServing();
  });

  it('closes with 1002 when reserved bits are set', async () => {
    const exchange = await sendFrames([encodeFrame({ opcode: OPCODE.text, payload: '{}', rsv: 0b010 })]);
    expect(exchange.closeCode).toBe(1002);
    await expectStillServing();
  });

  it('closes with 1002 on close code 999', async () => {
    const exchange = await sendFrames([closeFrame(999)]);
    expect(exchange.closeCode).toBe(1002);
    await expectStillServing();
  });

  it('refuses a deeply nested JSON request under the size cap before it reaches the core', async () => {
    const depth = 200_000;
    const nested = `{"id":7,"name":"system.ping","input":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    expect(nested.length).toBeLessThan(1024 * 1024);
    const exchange = await sendFrames([encodeFrame({ opcode: OPCODE.text, payload: nested })]);
    expect(exchange.texts.map((text) => JSON.parse(text) as unknown)).toEqual([
      { id: 7, result: { ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/nest/) as unknown } } },
    ]);
    await expectStillServing();
  });

  it('survives a client that resets the connection in the middle of an upgrade', async () => {
    const { port } = host().host;
    for (let i = 0; i < 20; i += 1) {
      await rawExchange(port, [Buffer.from(upgradeRequest({ port, cookie: host().cookie, origin: host().origin }))], { waitMs: 1000, reset: true });
      await rawExchange(port, [Buffer.from(upgradeRequest({ port }))], { waitMs: 1000, reset: true });
    }
    await expectStillServing();
  });

  it('still stops promptly on SIGTERM when clients left sockets half-closed or mid-close', async () => {
    const { port } = host().host;
    const lingering = [
      // A close frame the client never completes, and a handshake whose writer went quiet.
      rawExchange(port, [Buffer.from(upgradeRequest({ port, cookie: host().cookie, origin: host().origin })), closeFrame(1000)], { waitMs: 20_000 }),
      rawExchange(port, [Buffer.from(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`)], { waitMs: 20_000 }),
      rawExchange(port, [Buffer.from(upgradeRequest({ port }))], { waitMs: 20_000, halfClose: true }),
    ];
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await host().host.stop();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(host().host.exitCode()).toBe(0);
    await Promise.all(lingering);
  });
});
