/** Receives one purchase row; rows come one supporter after another and by time within each. */
export type PurchaseRowVisitor = (supporterId: string, at: number, tokens: number) => void;

/** Rows per chunk (a power of two, so a row's chunk and offset are a shift and a mask): 1.25 MB a chunk. */
const CHUNK_BITS = 16;
const CHUNK_ROWS = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_ROWS - 1;

/** Rows in columns: the supporter's index in `ids`, the time, the tokens. */
interface Chunk {
  readonly supporterOf: Int32Array;
  readonly atOf: Float64Array;
  readonly tokensOf: Float64Array;
}

/**
 * Purchase rows collected in whatever order a sequential read of the activity table gives them,
 * then handed out grouped by supporter (ids in JavaScript string order, the order the models'
 * inputs have always had) and by time within each supporter, ties in the order they were added.
 *
 * Why a buffer at all: folding a supporter's purchases into days needs their rows together and in
 * time order. SQLite can only give that order through the (supporterId, at) index, which leaves
 * the purchase test (type, tokens) to one table lookup per activity: random reads in a cache that
 * sync filled over time, 19 s instead of 1.3 s for the sequential read at 100,000 supporters and
 * 8.2 M activities; its own sorter took 2.8 s and 125 MB. Here a row costs 20 bytes in typed
 * arrays (plus 4 while sorting) instead of a JavaScript array of three values with its own copy of
 * the supporter id, about 150 bytes. The arrays come in fixed chunks rather than one array grown
 * by doubling, which would leave the outgrown copies as garbage (up to twice the rows again).
 */
export class PurchaseRowBuffer {
  private readonly chunks: Chunk[] = [];
  private length = 0;
  private readonly indexOfId = new Map<string, number>();
  private readonly ids: string[] = [];

  /** Rows added so far. */
  get rows(): number {
    return this.length;
  }

  /** Distinct supporters among them. */
  get supporters(): number {
    return this.ids.length;
  }

  add(supporterId: string, at: number, tokens: number): void {
    let index = this.indexOfId.get(supporterId);
    if (index === undefined) {
      index = this.ids.length;
      this.ids.push(supporterId);
      this.indexOfId.set(supporterId, index);
    }
    const offset = this.length & CHUNK_MASK;
    if (offset === 0) {
      this.chunks.push({ supporterOf: new Int32Array(CHUNK_ROWS), atOf: new Float64Array(CHUNK_ROWS), tokensOf: new Float64Array(CHUNK_ROWS) });
    }
    const chunk = this.chunks[this.chunks.length - 1];
    if (chunk === undefined) return;
    chunk.supporterOf[offset] = index;
    chunk.atOf[offset] = at;
    chunk.tokensOf[offset] = tokens;
    this.length += 1;
  }

  /**
   * Returns the rows' memory to the system now instead of at some later garbage collection: tens
   * of MB at creator scale, which back-to-back refits would otherwise stack up (issue 8's peak RSS).
   * The buffer is empty afterwards.
   */
  release(): void {
    for (const chunk of this.chunks) for (const column of [chunk.supporterOf, chunk.atOf, chunk.tokensOf]) detach(column.buffer);
    this.chunks.length = 0;
    this.length = 0;
    this.indexOfId.clear();
    this.ids.length = 0;
  }

  /** Visits every row: supporters by ascending id, each one's rows by time (ties in the order added). */
  forEachBySupporter(visit: PurchaseRowVisitor): void {
    const { ids, chunks } = this;
    const supporterOf = (row: number) => chunks[row >>> CHUNK_BITS]?.supporterOf[row & CHUNK_MASK] ?? 0;
    const atOf = (row: number) => chunks[row >>> CHUNK_BITS]?.atOf[row & CHUNK_MASK] ?? 0;
    const tokensOf = (row: number) => chunks[row >>> CHUNK_BITS]?.tokensOf[row & CHUNK_MASK] ?? 0;
    const supporters = ids.length;
    const byId = Array.from({ length: supporters }, (_, index) => index).sort((p, q) => {
      const a = ids[p] ?? '';
      const b = ids[q] ?? '';
      return a < b ? -1 : a > b ? 1 : 0;
    });
    const rank = new Int32Array(supporters);
    byId.forEach((index, position) => {
      rank[index] = position;
    });
    // A counting sort by supporter: stable, so each supporter's rows keep the order they came in.
    const start = new Int32Array(supporters + 1);
    for (let row = 0; row < this.length; row += 1) {
      const slot = (rank[supporterOf(row)] ?? 0) + 1;
      start[slot] = (start[slot] ?? 0) + 1;
    }
    for (let position = 0; position < supporters; position += 1) start[position + 1] = (start[position + 1] ?? 0) + (start[position] ?? 0);
    const next = start.slice(0, supporters);
    const order = new Int32Array(this.length);
    for (let row = 0; row < this.length; row += 1) {
      const position = rank[supporterOf(row)] ?? 0;
      order[next[position] ?? 0] = row;
      next[position] = (next[position] ?? 0) + 1;
    }
    for (let position = 0; position < supporters; position += 1) {
      const from = start[position] ?? 0;
      const to = start[position + 1] ?? 0;
      sortByTime(order, from, to, atOf);
      const supporterId = ids[byId[position] ?? 0] ?? '';
      for (let k = from; k < to; k += 1) {
        const row = order[k] ?? 0;
        visit(supporterId, atOf(row), tokensOf(row));
      }
    }
    detach(order.buffer);
  }
}

/**
 * Frees an ArrayBuffer's memory immediately: transferring it to a zero-length copy detaches it
 * (ES2024 `ArrayBuffer.prototype.transfer`, in Node since 21; typed here as the lib is ES2023).
 */
function detach(buffer: ArrayBufferLike): void {
  (buffer as ArrayBuffer & { transfer: (newLength: number) => ArrayBuffer }).transfer(0);
}

/**
 * Stable sort of order[from, to) by time. A supporter's rows usually arrive in time order already
 * (sync delivers them so, and so does the demo generator), so that is checked first.
 */
function sortByTime(order: Int32Array, from: number, to: number, atOf: (row: number) => number): void {
  let sorted = true;
  for (let k = from + 1; k < to && sorted; k += 1) sorted = atOf(order[k - 1] ?? 0) <= atOf(order[k] ?? 0);
  if (sorted) return;
  // Array.prototype.sort is stable; the rows of one supporter are few enough to copy.
  const rows = Array.from(order.subarray(from, to)).sort((p, q) => atOf(p) - atOf(q));
  order.set(rows, from);
}
