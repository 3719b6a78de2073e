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
 * 1. BFGS with the analytic gradient (fast; a handful of dozen evaluations);
 * 2. a restart of BFGS from its own answer with a fresh curvature estimate — cheap
 *    when the first run really converged, and it catches the case where a stale
 *    inverse Hessian stalled it in the narrow r–α valley;
 * 3. if BFGS still does not report convergence (degenerate data, a boundary, a
 *    non-finite region), Nelder–Mead with restarts, which needs no gradient and
 *    tolerates infinities, followed by one more BFGS polish.
 * The best point seen wins.
 */
export function minimiseRobustly(f: GradientObjective, x0: readonly number[]): RobustMinimum {
  let iterations = 0;
  let evaluations = 0;
  const first = minimiseBfgs(f, x0);
  iterations += first.iterations;
  evaluations += first.evaluations;
  let best = first;
  if (Number.isFinite(first.fx)) {
    const again = minimiseBfgs(f, first.x);
    iterations += again.iterations;
    evaluations += again.evaluations;
    if (again.fx <= best.fx) best = again;
    if (again.converged && first.converged) {
      return { x: best.x, fx: best.fx, iterations, evaluations, method: 'bfgs' };
    }
  }

  const scratch = new Float64Array(x0.length);
  const valueOnly = (x: readonly number[]): number => f(x, scratch);
  const start = Number.isFinite(best.fx) ? best.x : [...x0];
  const simplex = nelderMead(valueOnly, start);
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
