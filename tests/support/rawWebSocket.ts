import { randomBytes } from 'node:crypto';
import net from 'node:net';

/**
 * WebSocket frames written by hand (RFC 6455 §5.2), so a test can send exactly what a hostile or
 * broken local process could: reserved opcodes and bits, unmasked frames, lengths that lie, bad
 * UTF-8, close codes no endpoint may send. A real client library would refuse to write them.
 */
export interface RawFrame {
  fin?: boolean;
  /** The three reserved bits, 0–7 (RSV1 is 4). */
  rsv?: number;
  opcode: number;
  payload?: Buffer | string;
  /** A client must mask every frame; `false` sends it in the clear. */
  masked?: boolean;
  /** Claims this payload length in the header whatever the payload really is. */
  claimedLength?: number;
}

export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export function encodeFrame(frame: RawFrame): Buffer {
  const payload = typeof frame.payload === 'string' ? Buffer.from(frame.payload) : (frame.payload ?? Buffer.alloc(0));
  const masked = frame.masked ?? true;
  const length = frame.claimedLength ?? payload.length;
  const head = [((frame.fin ?? true) ? 0x80 : 0) | ((frame.rsv ?? 0) << 4) | (frame.opcode & 0x0f)];
  const maskBit = masked ? 0x80 : 0;
  let extended = Buffer.alloc(0);
  if (length < 126) head.push(maskBit | length);
  else if (length < 65_536) {
    head.push(maskBit | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(length);
  } else {
    head.push(maskBit | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(BigInt(length));
  }
  if (!masked) return Buffer.concat([Buffer.from(head), extended, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i += 1) body[i] = body[i]! ^ mask[i % 4]!;
  return Buffer.concat([Buffer.from(head), extended, mask, body]);
}

export function closeFrame(code: number, reason = ''): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code);
  payload.write(reason, 2);
  return encodeFrame({ opcode: OPCODE.close, payload });
}

export function upgradeRequest(options: { port: number; cookie?: string; origin?: string; host?: string; target?: string; key?: string; version?: string }): string {
  const lines = [
    `GET ${options.target ?? '/api'} HTTP/1.1`,
    `Host: ${options.host ?? `127.0.0.1:${options.port}`}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${options.key ?? randomBytes(16).toString('base64')}`,
    `Sec-WebSocket-Version: ${options.version ?? '13'}`,
  ];
  if (options.origin !== undefined) lines.push(`Origin: ${options.origin}`);
  if (options.cookie !== undefined) lines.push(`Cookie: ${options.cookie}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** What the server did with one connection: its HTTP status line, the frames it sent, how it ended. */
export interface RawExchange {
  status: number | null;
  /** Close code from the server's close frame, if it sent one. */
  closeCode: number | null;
  /** Text frames the server sent after the handshake. */
  texts: string[];
  /** The connection ended (by the server, or by us after `waitMs`). */
  endedBy: 'server' | 'timeout' | 'error';
}

/**
 * Opens a TCP connection, writes `bytes` (the handshake and frames, or any raw HTTP), then reads
 * until the server closes or `waitMs` passes. `until` may end the wait early (an answer arrived).
 */
export function rawExchange(
  port: number,
  chunks: Buffer[],
  options: { waitMs: number; until?: (exchange: RawExchange) => boolean; halfClose?: boolean; reset?: boolean },
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const exchange: RawExchange = { status: null, closeCode: null, texts: [], endedBy: 'server' };
    let received: Buffer = Buffer.alloc(0);
    let headerDone = false;
    let settled = false;
    const finish = (endedBy: RawExchange['endedBy']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      exchange.endedBy = endedBy;
      socket.destroy();
      resolve(exchange);
    };
    const timer = setTimeout(() => finish('timeout'), options.waitMs);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (!headerDone) {
        const end = received.indexOf('\r\n\r\n');
        if (end < 0) return;
        const statusLine = received.subarray(0, received.indexOf('\r\n')).toString('latin1');
        exchange.status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? NaN) || null;
        headerDone = true;
        received = exchange.status === 101 ? received.subarray(end + 4) : Buffer.alloc(0);
      }
      if (exchange.status === 101) received = readServerFrames(received, exchange);
      if (options.until?.(exchange)) finish('server');
    });
    socket.on('error', () => finish('error'));
    socket.on('close', () => finish('server'));
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
      if (options.reset) socket.resetAndDestroy();
      else if (options.halfClose) socket.end();
    });
  });
}

/** Reads complete server frames (servers never mask) off the front of `buffer`; returns the rest. */
function readServerFrames(buffer: Buffer, exchange: RawExchange): Buffer {
  let rest = buffer;
  while (rest.length >= 2) {
    const opcode = rest[0]! & 0x0f;
    let length = rest[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (rest.length < 4) break;
      length = rest.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (rest.length < 10) break;
      length = Number(rest.readBigUInt64BE(2));
      offset = 10;
    }
    if (rest.length < offset + length) break;
    const payload = rest.subarray(offset, offset + length);
    if (opcode === OPCODE.text) exchange.texts.push(payload.toString('utf8'));
    if (opcode === OPCODE.close) exchange.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
    rest = rest.subarray(offset + length);
  }
  return rest;
}
