import { describe, expect, it } from 'vitest';
import { minimiseBfgs } from './minimiseBfgs';
import { minimiseRobustly } from './minimiseRobustly';
import { nelderMead } from './nelderMead';

/** Rosenbrock's banana valley — the classic test for curved, narrow valleys like BG/NBD's r–α ridge. */
const rosenbrock = (x: readonly number[], g?: Float64Array): number => {
  const [a = 0, b = 0] = x;
  if (g) {
    g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
    g[1] = 200 * (b - a * a);
  }
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

describe('nelderMead', () => {
  it('finds the Rosenbrock minimum', () => {
    const result = nelderMead((x) => rosenbrock(x), [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it('treats non-finite values as +∞ (box constraints by returning Infinity)', () => {
    // Minimum of (x−3)² restricted to x ≤ 2 → 2.
    const result = nelderMead((x) => ((x[0] ?? 0) > 2 ? Number.NaN : ((x[0] ?? 0) - 3) ** 2), [0]);
    expect(result.x[0]).toBeCloseTo(2, 5);
  });

  it('reports non-convergence when the budget runs out', () => {
    const result = nelderMead((x) => rosenbrock(x), [-1.2, 1], { maxEvaluations: 20 });
    expect(result.converged).toBe(false);
    expect(result.evaluations).toBeLessThanOrEqual(25);
  });
});

describe('minimiseBfgs', () => {
  it('finds the Rosenbrock minimum with few evaluations', () => {
    const result = minimiseBfgs(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.evaluations).toBeLessThan(200);
  });

  it('stops on a flat valley once f only changes by rounding, even with a gradient just above the tolerance', () => {
    // The analytic gradient carries a small bias (as a long sum of approximations does), so it
    // never drops below 1e-7 while f can no longer resolve any progress.
    const flat = (x: readonly number[], g: Float64Array): number => {
      const [a = 0, b = 0] = x;
      g[0] = 2e-6 * (a - 1) + 3e-7;
      g[1] = 2 * (b + 2) - 2e-7;
      return 6.5 + 1e-6 * (a - 1) ** 2 + (b + 2) ** 2;
    };
    const result = minimiseBfgs(flat, [3, 1]);
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeLessThan(50);
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(-2, 6);
  });

  it('reports failure instead of throwing on a non-finite start', () => {
    const result = minimiseBfgs(() => Number.NaN, [0, 0]);
    expect(result.converged).toBe(false);
  });
});

describe('minimiseRobustly', () => {
  it('falls back to Nelder–Mead when the gradient is useless', () => {
    // A sign-flipped gradient: every BFGS direction points uphill, so the line search
    // fails with a large gradient and the simplex has to do the work.
    const result = minimiseRobustly((x, g) => {
      const u = (x[0] ?? 0) - 1;
      const v = (x[1] ?? 0) + 2;
      g[0] = -2 * u;
      g[1] = -2 * v;
      return u * u + v * v + 1;
    }, [5, 5]);
    expect(result.method).toBe('nelder-mead');
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(-2, 5);
  });

  it('takes the fast path on a well-behaved problem', () => {
    const result = minimiseRobustly(rosenbrock, [-1.2, 1]);
    expect(result.method).toBe('bfgs');
    expect(result.x[0]).toBeCloseTo(1, 6);
  });
});
