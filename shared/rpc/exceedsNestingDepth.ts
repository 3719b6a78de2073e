/**
 * How deep a request may nest objects and arrays. The contract's deepest input is three levels
 * (`{id, name, input: {supporterId: [...]}}`); anything far deeper is an attack or a bug, and
 * deep values overflow the stack of every recursive step after `JSON.parse` (structured clone
 * at a worker's `postMessage`, `JSON.stringify`, validation).
 */
export const MAX_REQUEST_NESTING = 32;

/**
 * Whether `value` nests objects or arrays deeper than `limit`, checked without recursion so a
 * hostile value cannot overflow the stack here either. A value that reaches the same object twice
 * (a cycle, possible after a structured clone) counts as too deep: no request is shaped that way.
 */
export function exceedsNestingDepth(value: unknown, limit: number = MAX_REQUEST_NESTING): boolean {
  const seen = new Set<object>();
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > limit || seen.has(next.value)) return true;
    seen.add(next.value);
    for (const child of Object.values(next.value)) stack.push({ value: child, depth });
  }
  return false;
}
