import { describe, expect, it } from 'vitest';
import type { IncomingRecord } from './applyChangeBatch';
import { MAX_LINE_BYTES, readJsonlBatches } from './readJsonlBatches';

const MIB = 1024 * 1024;
/**
 * Chunks already let go still count until the collector runs (it measured 17–47 MiB here), so the
 * bound leaves room for that; holding the line, or a string of it, would be 600 MiB or more.
 */
const MEMORY_BOUND_MIB = 128;

async function readAll(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, options: Parameters<typeof readJsonlBatches>[1] = {}): Promise<IncomingRecord[][]> {
  const batches: IncomingRecord[][] = [];
  const source = Symbol.asyncIterator in chunks ? chunks : (async function* () { yield* chunks; })();
  for await (const batch of readJsonlBatches(source, options)) batches.push(batch);
  return batches;
}

/** `totalBytes` of `byte` in fresh 64 KiB chunks (no newline), sampling memory as they are consumed. */
async function* flood(byte: number, totalBytes: number, memory: { peak: number }): AsyncGenerator<Uint8Array> {
  const chunkBytes = 64 * 1024;
  for (let sent = 0; sent < totalBytes; sent += chunkBytes) {
    // Fresh buffers, as a file or pipe would give: holding on to them would show in the samples.
    yield Buffer.alloc(Math.min(chunkBytes, totalBytes - sent), byte);
    if ((sent / chunkBytes) % 256 === 0) {
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      memory.peak = Math.max(memory.peak, heapUsed + arrayBuffers);
    }
  }
}

function baselineMemory(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

describe('readJsonlBatches', () => {
  it('reads lines with their line numbers: blank lines skipped, CRLF, a byte-order mark, no final newline', async () => {
    const batches = await readAll(['\uFEFF{"a":1}\r\n\n  \n{"b":', '2}\n{"c":3}']);
    expect(batches).toEqual([
      [
        { kind: 'text', text: '{"a":1}', position: 1 },
        { kind: 'text', text: '{"b":2}', position: 4 },
        { kind: 'text', text: '{"c":3}', position: 5 },
      ],
    ]);
  });

  it('keeps a character whose bytes arrive in different chunks whole, and cuts batches at the batch size', async () => {
    const bytes = Buffer.from('{"h":"ü😀"}\n{"h":"é"}\n{"h":"x"}\n');
    const oneByteChunks = [...bytes].map((byte) => Uint8Array.of(byte));
    const batches = await readAll(oneByteChunks, { batchSize: 2 });
    expect(batches.map((batch) => batch.map((record) => (record.kind === 'text' ? record.text : '')))).toEqual([['{"h":"ü😀"}', '{"h":"é"}'], ['{"h":"x"}']]);
  });

  it('reads a line of exactly the limit, and turns a longer one into its position and length in bytes', async () => {
    const limit = 16;
    const exact = 'x'.repeat(limit);
    const batches = await readAll([`${exact}\r\n${exact}y\n${exact}\r`, 'z\r\n', 'ok\n'], { maxLineBytes: limit });
    expect(batches.flat()).toEqual([
      { kind: 'text', text: exact, position: 1 },
      { kind: 'oversized', length: limit + 1, position: 2 },
      { kind: 'oversized', length: limit + 2, position: 3 },
      { kind: 'text', text: 'ok', position: 4 },
    ]);
    expect(MAX_LINE_BYTES).toBe(MIB);
  });

  it('streams a 600 MB line without holding it, and reads the lines after it', async () => {
    const lineBytes = 600 * 1000 * 1000;
    const memory = { peak: 0 };
    const before = baselineMemory();
    const started = performance.now();
    const batches = await readAll(
      (async function* () {
        yield '{"first":true}\n{"handle":"';
        yield* flood(0x61, lineBytes - 11, memory);
        yield '"}\n{"after":1}\n{"after":2}\n';
      })(),
    );
    const seconds = (performance.now() - started) / 1000;
    expect(batches.flat()).toEqual([
      { kind: 'text', text: '{"first":true}', position: 1 },
      { kind: 'oversized', length: lineBytes + 2, position: 2 },
      { kind: 'text', text: '{"after":1}', position: 3 },
      { kind: 'text', text: '{"after":2}', position: 4 },
    ]);
    const growthMib = (memory.peak - before) / MIB;
    expect(growthMib).toBeLessThan(MEMORY_BOUND_MIB);
    console.info(`600 MB line: read in ${seconds.toFixed(1)} s, peak heap + buffers ${growthMib.toFixed(1)} MiB above the start`);
  });

  it('streams zeros with no newline at all (/dev/zero cut at 300 MB) as one oversized line', async () => {
    const totalBytes = 300 * 1000 * 1000;
    const memory = { peak: 0 };
    const before = baselineMemory();
    const batches = await readAll(flood(0, totalBytes, memory));
    expect(batches.flat()).toEqual([{ kind: 'oversized', length: totalBytes, position: 1 }]);
    const growthMib = (memory.peak - before) / MIB;
    expect(growthMib).toBeLessThan(MEMORY_BOUND_MIB);
    console.info(`300 MB of zeros without a newline: peak heap + buffers ${growthMib.toFixed(1)} MiB above the start`);
  });
});
