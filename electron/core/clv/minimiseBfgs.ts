/**
 * BFGS quasi-Newton minimiser with a backtracking (Armijo) line search.
 *
 * Used for the likelihood fits because it needs an order of magnitude fewer
 * objective calls than Nelder–Mead once an analytic gradient is available — which
 * is what keeps a 100k-supporter fit well under a second. Robustness measures:
 * - non-finite objective values count as "too far" and shrink the step, so callers
 *   can express a box constraint by returning Infinity outside it;
 * - steps are capped in ∞-norm (in log-parameter space a jump of e^±20 would
 *   overflow the likelihood long before the line search could recover);
 * - the inverse-Hessian estimate is reset to the identity whenever it stops
 *   producing descent directions, and curvature-violating updates are skipped.
 * Callers still fall back to Nelder–Mead when this reports `converged: false`.
 */
export type GradientObjective = (x: readonly number[], gradientOut: Float64Array) => number;

export interface BfgsOptions {
  /** Converged when the ∞-norm of the gradient is ≤ this (default 1e-9). */
  readonly gradientTolerance?: number;
  readonly maxIterations?: number;
  /** Largest coordinate change per step (default 2). */
  readonly maxStep?: number;
  /**
   * When the objective can no longer be decreased measurably (the line search
   * fails even along steepest descent, or steps stop changing f beyond rounding),
   * the point is as good as the objective can resolve; report convergence if the
   * gradient is at most this (default 1e-7).
   */
  readonly stalledGradientTolerance?: number;
}

export interface BfgsResult {
  readonly x: number[];
  readonly fx: number;
  readonly gradientNorm: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

const ARMIJO = 1e-4;
const BACKTRACK = 0.5;
const MAX_BACKTRACKS = 40;
/** Relative change of f below which a step is "rounding noise", not progress. */
const STALL_RELATIVE = 1e-15;
/** Expected decrease (relative to 1 + |f|) too small to be worth another step. */
const RESOLVABLE_DECREASE = 1e-13;
/**
 * After this many steps in a row that moved f only by rounding noise, f cannot resolve a better
 * point: stop, and report convergence if the gradient is at most NOISE_FLOOR_GRADIENT. On a flat,
 * ill-conditioned valley (gamma-gamma's p–q–γ ridge on ~50k real supporters) the analytic gradient
 * can sit just above `stalledGradientTolerance` forever while every step moves f by an ulp; without
 * this the search burned its whole iteration budget (and the caller's Nelder–Mead fallback) on a
 * point it had already found.
 */
const STALLED_STEPS_LIMIT = 10;
const NOISE_FLOOR_GRADIENT = 1e-5;

export function minimiseBfgs(
  f: GradientObjective,
  x0: readonly number[],
  options: BfgsOptions = {},
): BfgsResult {
  const gTol = options.gradientTolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 500;
  const maxStep = options.maxStep ?? 2;
  const stalledTol = options.stalledGradientTolerance ?? 1e-7;
  const n = x0.length;

  let evaluations = 0;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = evaluate(x, g);
  let H = identity(n);
  let freshH = true;
  let iterations = 0;
  let stalledSteps = 0;

  const result = (converged: boolean): BfgsResult => ({
    x: Array.from(x),
    fx,
    gradientNorm: normInf(g),
    iterations,
    evaluations,
    converged,
  });
  if (!Number.isFinite(fx) || !g.every(Number.isFinite)) return result(false);

  while (iterations < maxIterations) {
    if (normInf(g) <= gTol) return result(true);
    iterations++;

    let p = matVec(H, g).map((v) => -v);
    if (dot(g, p) >= 0) {
      // Lost positive-definiteness (rounding): restart from steepest descent.
      H = identity(n);
      freshH = true;
      p = g.map((v) => -v);
    }
    // Newton-decrement test: −gᵀp = gᵀHg is twice the decrease the quadratic model
    // still expects. Once that is below what f can resolve in floating point, more
    // iterations only chase rounding noise (and burn a full line search to find out).
    if (normInf(g) <= stalledTol && -dot(g, p) <= RESOLVABLE_DECREASE * (1 + Math.abs(fx))) {
      return result(true);
    }
    const pNorm = normInf(p);
    if (pNorm > maxStep) p = p.map((v) => (v * maxStep) / pNorm);
    const slope = dot(g, p);

    const gNew = new Float64Array(n);
    let step = 1;
    let xNew = x;
    let fNew = Number.POSITIVE_INFINITY;
    let accepted = false;
    for (let k = 0; k < MAX_BACKTRACKS; k++) {
      xNew = x.map((v, i) => v + step * (p[i] ?? 0));
      fNew = evaluate(xNew, gNew);
      if (Number.isFinite(fNew) && gNew.every(Number.isFinite) && fNew <= fx + ARMIJO * step * slope) {
        accepted = true;
        break;
      }
      step *= BACKTRACK;
    }
    if (!accepted) {
      if (!freshH) {
        // A stale curvature model can point the wrong way; retry once from scratch.
        H = identity(n);
        freshH = true;
        continue;
      }
      // No decrease even along steepest descent: we are at the floating-point floor.
      return result(normInf(g) <= stalledTol);
    }
    const stalled = Math.abs(fx - fNew) <= STALL_RELATIVE * (1 + Math.abs(fx));
    stalledSteps = stalled ? stalledSteps + 1 : 0;

    const s = xNew.map((v, i) => v - (x[i] ?? 0));
    const y = gNew.map((v, i) => v - (g[i] ?? 0));
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (freshH) {
        // Scale the identity to the observed curvature before the first update
        // (Nocedal & Wright eq. 6.20) — avoids a wasted, badly scaled first step.
        H = identity(n, sy / dot(y, y));
        freshH = false;
      }
      H = bfgsUpdate(H, s, y, sy);
    }
    x = xNew;
    fx = fNew;
    g = gNew;
    // Two steps in a row that only moved f by rounding noise: further iterations
    // would chase noise in the last bits of the likelihood sum.
    if (stalledSteps >= 2 && normInf(g) <= stalledTol) return result(true);
    if (stalledSteps >= STALLED_STEPS_LIMIT) return result(normInf(g) <= NOISE_FLOOR_GRADIENT);
  }
  return result(normInf(g) <= gTol);

  function evaluate(point: Float64Array, gradOut: Float64Array): number {
    evaluations++;
    gradOut.fill(0);
    return f(Array.from(point), gradOut);
  }
}

function identity(n: number, scale = 1): Float64Array[] {
  return Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(n);
    row[i] = scale;
    return row;
  });
}

function matVec(m: Float64Array[], v: Float64Array): Float64Array {
  return Float64Array.from(m, (row) => dot(row, v));
}

function dot(u: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += (u[i] ?? 0) * (v[i] ?? 0);
  return s;
}

function normInf(v: Float64Array): number {
  let m = 0;
  for (const e of v) m = Math.max(m, Math.abs(e));
  return m;
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, with ρ = 1/(yᵀs). */
function bfgsUpdate(H: Float64Array[], s: Float64Array, y: Float64Array, sy: number): Float64Array[] {
  const n = s.length;
  const rho = 1 / sy;
  const Hy = matVec(H, y);
  const yHy = dot(y, Hy);
  return Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      row[j] =
        (H[i]?.[j] ?? 0) -
        rho * ((Hy[i] ?? 0) * (s[j] ?? 0) + (s[i] ?? 0) * (Hy[j] ?? 0)) +
        (rho * rho * yHy + rho) * (s[i] ?? 0) * (s[j] ?? 0);
    }
    return row;
  });
}
