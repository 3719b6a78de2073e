/**
 * Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z < 1.
 *
 * The BG/NBD predictions only need 0 ≤ z < 1, where the power series converges,
 * but convergence slows down like z^n as z → 1 and the early terms can grow before
 * they shrink. Instead of stopping on a "small term" heuristic we stop on a proven
 * bound of the remaining tail (see below), so the answer does not silently truncate
 * when z is close to 1.
 */

/** Relative accuracy we aim for; a few ulps above machine epsilon. */
const RELATIVE_TOLERANCE = 1e-15;
/**
 * Hard ceiling on series terms. At z = 1 − 1e-5 the series needs ~4·10^6 terms;
 * past this we throw rather than return an unconverged number.
 */
const MAX_TERMS = 20_000_000;

export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite)) {
    throw new RangeError(`hyp2f1 needs finite arguments (got a=${a}, b=${b}, c=${c}, z=${z})`);
  }
  if (c <= 0 && Number.isInteger(c)) {
    throw new RangeError(`hyp2f1 is undefined for c a non-positive integer (c=${c})`);
  }
  if (z >= 1) {
    throw new RangeError(`hyp2f1 is only implemented for z < 1 (z=${z})`);
  }
  if (z === 0 || a === 0 || b === 0) return 1;
  if (z < 0) {
    // Pfaff transformation maps z < 0 onto w = z/(z−1) ∈ (0, 1), where all terms
    // keep one sign once n is past the parameters — avoiding the cancellation an
    // alternating series would suffer for z ≤ −1 (where it would not even converge).
    const w = z / (z - 1);
    return Math.pow(1 - z, -a) * hyp2f1Series(a, c - b, c, w);
  }
  return hyp2f1Series(a, b, c, z);
}

/** Direct power series for 0 < z < 1. */
function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  // Past this index every Pochhammer factor (a+n), (b+n), (c+n) is positive, so the
  // terms keep one sign and the tail bound below is valid.
  const signStableFrom = Math.max(0, Math.ceil(-a), Math.ceil(-b), Math.ceil(-c)) + 1;
  // term_{n+1}/term_n = z·(a+n)(b+n)/((c+n)(n+1)) = z·[1 + (k0 + m·n)/((c+n)(n+1))]
  // with m = a+b−c−1 and k0 = ab−c. For all k ≥ n (and c+n > 0) that ratio is at most
  //   ρ_n = z·[1 + max(0,m)/(c+n) + max(0,k0)/((c+n)(n+1))],
  // so once ρ_n < 1 the remaining tail is at most |term_n|·ρ_n/(1−ρ_n).
  const m = a + b - c - 1;
  const k0 = a * b - c;
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= (z * (a + n) * (b + n)) / ((c + n) * (n + 1));
    sum += term;
    if (term === 0) return sum; // a or b is a non-positive integer: the series terminates
    const k = n + 1; // index of the term just added
    if (k >= signStableFrom) {
      const rho = z * (1 + Math.max(0, m) / (c + k) + Math.max(0, k0) / ((c + k) * (k + 1)));
      if (rho < 1 && Math.abs(term) * (rho / (1 - rho)) <= RELATIVE_TOLERANCE * Math.abs(sum)) {
        return sum;
      }
    }
    if (!Number.isFinite(sum)) break;
  }
  throw new RangeError(
    `hyp2f1 series did not converge (a=${a}, b=${b}, c=${c}, z=${z}); z is too close to 1`,
  );
}
