import { type GradientObjective, minimiseBfgs } from './minimiseBfgs';
import { nelderMead } from './nelderMead';

export interface RobustMinimum {
  readonly x: number[];
  readonly fx: number;
  /** Optimiser iterations over all stages. */
  readonly iterations: number;
  readonly evaluations: number;
  /** Which stage produced the answer; 'nelder-mead' means the fast path failed. */
  readonly method: 'bfgs' | 'nelder-mead';
}

/**
 * The fitting strategy shared by the CLV models:
 * 1. BFGS with the analytic gradient (fast: a few dozen evaluations)
 *    (minimiseBfgs already restarts its curvature estimate when it stops giving
 *    descent directions, which is what stalls quasi-Newton in the narrow r–α valley);
 * 2. if BFGS does not report convergence (degenerate data, a boundary, a non-finite
 *    region), Nelder–Mead with restarts, which needs no gradient and tolerates
 *    infinities, followed by one BFGS polish from the simplex answer.
 * The best point seen wins.
 */
export function minimiseRobustly(f: GradientObjective, x0: readonly number[]): RobustMinimum {
  let iterations = 0;
  let evaluations = 0;
  const first = minimiseBfgs(f, x0);
  iterations += first.iterations;
  evaluations += first.evaluations;
  if (first.converged) {
    return { x: first.x, fx: first.fx, iterations, evaluations, method: 'bfgs' };
  }
  const best = first;

  const scratch = new Float64Array(x0.length);
  const valueOnly = (x: readonly number[]): number => f(x, scratch);
  const start = Number.isFinite(best.fx) ? best.x : [...x0];
  // The fallback only runs on awkward data; cap its budget so a pathological case
  // costs seconds, not minutes, on a 100k-customer fit.
  const simplex = nelderMead(valueOnly, start, { maxEvaluations: 4000 });
  iterations += simplex.iterations;
  evaluations += simplex.evaluations;
  let x = simplex.x;
  let fx = simplex.fx;
  const polish = minimiseBfgs(f, x);
  iterations += polish.iterations;
  evaluations += polish.evaluations;
  if (polish.fx < fx) {
    x = polish.x;
    fx = polish.fx;
  }
  if (best.fx < fx) {
    x = best.x;
    fx = best.fx;
  }
  return { x, fx, iterations, evaluations, method: 'nelder-mead' };
}
