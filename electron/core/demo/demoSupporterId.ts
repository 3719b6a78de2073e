/** The id the demo generator gives its `ordinal`-th supporter (from 1): benchmarks pick supporters by it. */
export function demoSupporterId(ordinal: number): string {
  return `s${String(ordinal).padStart(6, '0')}`;
}
