/**
 * Nelder–Mead simplex minimiser with restarts.
 *
 * Why derivative-free: the CLV likelihoods are cheap but their gradients need
 * digamma/hypergeometric derivatives; with 3–4 parameters a simplex method is
 * robust and fast enough. Why restarts: a simplex can collapse onto a line in a
 * curved valley (r and α are strongly correlated in BG/NBD) and "converge" early;
 * rebuilding a fresh simplex at the best point and continuing until a restart no
 * longer improves the value is the classical cure (as in Numerical Recipes / scipy
 * practice).
 *
 * Non-finite objective values are treated as +∞, which lets callers express box
 * constraints simply by returning Infinity outside the box.
 */
export interface NelderMeadOptions {
  /** Initial simplex edge length per coordinate (default 0.5). */
  readonly initialStep?: number;
  /** Stop when the spread of f over the simplex is ≤ fTolerance… (default 1e-12) */
  readonly fTolerance?: number;
  /** …and every vertex is within xTolerance of the best one (∞-norm, default 1e-8). */
  readonly xTolerance?: number;
  /** Budget of objective evaluations across all restarts (default 20 000). */
  readonly maxEvaluations?: number;
  /** Maximum number of restarts after the first run (default 10). */
  readonly maxRestarts?: number;
  /** A restart that improves f by less than this ends the search (default 1e-10). */
  readonly restartImprovement?: number;
}

export interface NelderMeadResult {
  readonly x: number[];
  readonly fx: number;
  /** Simplex iterations over all restarts. */
  readonly iterations: number;
  readonly evaluations: number;
  /** False when the evaluation budget ran out before the tolerances were met. */
  readonly converged: boolean;
}

// Standard coefficients: reflection, expansion, contraction, shrink.
const RHO = 1;
const CHI = 2;
const GAMMA = 0.5;
const SIGMA = 0.5;

export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const step = options.initialStep ?? 0.5;
  const fTol = options.fTolerance ?? 1e-12;
  const xTol = options.xTolerance ?? 1e-8;
  const maxEvaluations = options.maxEvaluations ?? 20_000;
  const maxRestarts = options.maxRestarts ?? 10;
  const restartImprovement = options.restartImprovement ?? 1e-10;
  const n = x0.length;
  if (n === 0) throw new RangeError('nelderMead needs at least one parameter');

  let evaluations = 0;
  const evaluate = (x: readonly number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };

  let best = [...x0];
  let bestF = evaluate(best);
  let iterations = 0;
  let converged = false;

  for (let attempt = 0; attempt <= maxRestarts; attempt++) {
    const run = simplexRun(best, bestF, step);
    const improvement = bestF - run.fx;
    const hadFiniteStart = Number.isFinite(bestF);
    if (run.fx <= bestF) {
      best = run.x;
      bestF = run.fx;
    }
    converged = run.converged;
    if (!run.converged) break; // budget exhausted
    // The first run always gets one confirming restart; afterwards stop as soon
    // as a fresh simplex cannot find a meaningfully better point.
    if (attempt > 0 && hadFiniteStart && improvement <= restartImprovement * (1 + Math.abs(bestF))) {
      break;
    }
  }
  return { x: best, fx: bestF, iterations, evaluations, converged };

  function simplexRun(
    start: number[],
    startF: number,
    edge: number,
  ): { x: number[]; fx: number; converged: boolean } {
    const vertices: number[][] = [start];
    const values: number[] = [startF];
    for (let i = 0; i < n; i++) {
      const v = [...start];
      v[i] = (v[i] ?? 0) + edge;
      vertices.push(v);
      values.push(evaluate(v));
    }
    const order = vertices.map((_, i) => i);

    while (evaluations < maxEvaluations) {
      order.sort((i, j) => (values[i] ?? 0) - (values[j] ?? 0));
      const bestIdx = order[0] ?? 0;
      const worstIdx = order[n] ?? 0;
      const secondWorstIdx = order[n - 1] ?? 0;
      const fBest = values[bestIdx] ?? 0;
      const fWorst = values[worstIdx] ?? 0;

      if (hasConverged(bestIdx, fBest, fWorst)) {
        return { x: [...(vertices[bestIdx] ?? start)], fx: fBest, converged: true };
      }
      iterations++;

      // Centroid of every vertex except the worst.
      const centroid = new Array<number>(n).fill(0);
      for (const idx of order.slice(0, n)) {
        const v = vertices[idx] ?? start;
        for (let d = 0; d < n; d++) centroid[d] = (centroid[d] ?? 0) + (v[d] ?? 0) / n;
      }
      const worst = vertices[worstIdx] ?? start;
      const along = (t: number): number[] =>
        centroid.map((c, d) => c + t * (c - (worst[d] ?? 0)));

      const xr = along(RHO);
      const fr = evaluate(xr);
      if (fr < fBest) {
        const xe = along(RHO * CHI);
        const fe = evaluate(xe);
        replaceWorst(fe < fr ? xe : xr, fe < fr ? fe : fr);
        continue;
      }
      if (fr < (values[secondWorstIdx] ?? 0)) {
        replaceWorst(xr, fr);
        continue;
      }
      // Contraction: outside if the reflected point beat the worst, inside otherwise.
      const outside = fr < fWorst;
      const xc = along(outside ? RHO * GAMMA : -GAMMA);
      const fc = evaluate(xc);
      if (fc < (outside ? fr : fWorst)) {
        replaceWorst(xc, fc);
        continue;
      }
      // Shrink every vertex towards the best one.
      const bestVertex = vertices[bestIdx] ?? start;
      for (const idx of order.slice(1)) {
        const v = vertices[idx] ?? start;
        const shrunk = v.map((vd, d) => (bestVertex[d] ?? 0) + SIGMA * (vd - (bestVertex[d] ?? 0)));
        vertices[idx] = shrunk;
        values[idx] = evaluate(shrunk);
      }

      function replaceWorst(x: number[], fx: number): void {
        vertices[worstIdx] = x;
        values[worstIdx] = fx;
      }
    }
    order.sort((i, j) => (values[i] ?? 0) - (values[j] ?? 0));
    const bestIdx = order[0] ?? 0;
    return { x: [...(vertices[bestIdx] ?? start)], fx: values[bestIdx] ?? startF, converged: false };

    function hasConverged(bestIdx: number, fBest: number, fWorst: number): boolean {
      if (!Number.isFinite(fWorst)) return false;
      if (fWorst - fBest > fTol) return false;
      const b = vertices[bestIdx] ?? start;
      return vertices.every((v) => v.every((vd, d) => Math.abs(vd - (b[d] ?? 0)) <= xTol));
    }
  }
}
