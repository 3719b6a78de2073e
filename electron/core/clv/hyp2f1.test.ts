import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hyp2f1 } from './hyp2f1';

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));

describe('hyp2f1', () => {
  it('matches closed forms', () => {
    // 2F1(1, 1; 2; z) = −ln(1−z)/z
    for (const z of [0.1, 0.5, 0.9, 0.99, -0.5, -3]) {
      expect(relErr(hyp2f1(1, 1, 2, z), -Math.log(1 - z) / z)).toBeLessThan(1e-13);
    }
    // 2F1(a, b; b; z) = (1−z)^{−a}
    expect(relErr(hyp2f1(0.7, 2.3, 2.3, 0.8), Math.pow(0.2, -0.7))).toBeLessThan(1e-13);
    // 2F1(1/2, 1/2; 3/2; z²) = arcsin(z)/z
    expect(relErr(hyp2f1(0.5, 0.5, 1.5, 0.81), Math.asin(0.9) / 0.9)).toBeLessThan(1e-13);
    // A terminating series: 2F1(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1)).
    const [b, c, z] = [1.5, 2.5, 0.7];
    expect(hyp2f1(-2, b, c, z)).toBeCloseTo(1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)), 14);
  });

  it('matches mpmath reference values, including z close to 1 and negative parameters', () => {
    // Values computed with mpmath.hyp2f1 at 30 significant digits, rounded to doubles.
    expect(relErr(hyp2f1(0.3, 2.5, 1.7, 0.999), 436.8317788059112)).toBeLessThan(1e-12);
    expect(relErr(hyp2f1(5.2, 3.1, 0.4, -3.5), -0.0014493404139326856)).toBeLessThan(1e-9);
    expect(relErr(hyp2f1(-2.5, 0.7, 3.3, 0.95), 0.6256668388913256)).toBeLessThan(1e-13);
    expect(relErr(hyp2f1(1.2, -0.5, 0.3, 0.6), -0.7590963939762726)).toBeLessThan(1e-13);
  });

  it('obeys Euler’s transformation 2F1(a,b;c;z) = (1−z)^{c−a−b} 2F1(c−a, c−b; c; z)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        fc.double({ min: 0.1, max: 8, noNaN: true }),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        (a, b, c, z) => {
          const lhs = hyp2f1(a, b, c, z);
          const rhs = Math.pow(1 - z, c - a - b) * hyp2f1(c - a, c - b, c, z);
          expect(relErr(lhs, rhs)).toBeLessThan(1e-9);
        },
      ),
    );
  });

  it('refuses arguments outside its domain rather than returning garbage', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(RangeError);
    expect(() => hyp2f1(Number.NaN, 1, 2, 0.5)).toThrow(RangeError);
  });
});
