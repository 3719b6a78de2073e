import { minimiseBfgs } from '../minimiseBfgs';
// A flat valley whose analytic gradient carries a small bias (as a sum over many rows of
// approximations does): f cannot resolve the last 1e-7 of gradient.
const f = (x: readonly number[], g: Float64Array) => {
  const [a = 0, b = 0] = x;
  g[0] = 2e-6 * (a - 1) + 3e-7;
  g[1] = 2 * (b + 2) - 2e-7;
  return 6.5 + 1e-6 * (a - 1) ** 2 + (b + 2) ** 2;
};
const r = minimiseBfgs(f, [3, 1]);
console.log(r);
