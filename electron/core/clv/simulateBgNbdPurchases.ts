import type { BgNbdParams, GammaGammaParams } from './types';

/**
 * Seeded simulator of the BG/NBD purchase process, for tests, demos and
 * model-recovery checks. Pure: the same seed always gives the same customers.
 *
 * Process (FHL 2005a §2): each customer draws λ ~ Gamma(r, rate α) and
 * p ~ Beta(a, b); while alive, purchases arrive as a Poisson process with rate λ,
 * and after each repeat purchase the customer drops out with probability p.
 * With `spend`, each purchase also gets a value from the gamma-gamma model
 * (FHL 2005b): ν ~ Gamma(q, rate γ) per customer, value ~ Gamma(p, rate ν).
 */
export interface SimulateOptions {
  readonly params: BgNbdParams;
  readonly customers: number;
  readonly seed: number;
  /** First purchases are uniform on [0, firstPurchaseSpan). */
  readonly firstPurchaseSpan: number;
  /** Observation ends at this time (≥ firstPurchaseSpan). */
  readonly observationEnd: number;
  /** If given, simulate a value for every purchase from the gamma-gamma model. */
  readonly spend?: GammaGammaParams;
}

export interface SimulatedCustomer {
  /** Purchase times, the first purchase first, all ≤ observationEnd. */
  readonly purchaseTimes: number[];
  /** Value of each purchase (empty unless `spend` was given). */
  readonly purchaseValues: number[];
}

export function simulateBgNbdPurchases(options: SimulateOptions): SimulatedCustomer[] {
  const { params, customers, firstPurchaseSpan, observationEnd } = options;
  const random = mulberry32(options.seed);
  const out: SimulatedCustomer[] = [];
  for (let i = 0; i < customers; i++) {
    const lambda = sampleGamma(random, params.r) / params.alpha;
    const g1 = sampleGamma(random, params.a);
    const p = g1 / (g1 + sampleGamma(random, params.b));
    const first = random() * firstPurchaseSpan;
    const times = [first];
    let t = first;
    for (;;) {
      // 1 − U ∈ (0, 1] so the log is finite.
      t += -Math.log(1 - random()) / lambda;
      if (!(t <= observationEnd)) break; // also stops for λ = 0 (t = ∞)
      times.push(t);
      if (random() < p) break; // dropped out right after this repeat purchase
    }
    const values: number[] = [];
    if (options.spend) {
      const nu = sampleGamma(random, options.spend.q) / options.spend.gamma;
      for (let k = 0; k < times.length; k++) values.push(sampleGamma(random, options.spend.p) / nu);
    }
    out.push({ purchaseTimes: times, purchaseValues: values });
  }
  return out;
}

/** Small, fast, well-mixed 32-bit PRNG; plenty for simulation of this size. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 via the U^{1/shape} boost. */
function sampleGamma(random: () => number, shape: number): number {
  if (shape < 1) {
    const u = 1 - random();
    return sampleGamma(random, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function standardNormal(random: () => number): number {
  // Box–Muller; one of the pair is enough here.
  const u1 = 1 - random();
  const u2 = random();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
