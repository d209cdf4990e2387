/**
 * The portable exp and log1p (built from +, −, ×, ÷ and floor only, so that JS and wasm give the same bits):
 * within 2 ulp of the engine's Math.exp / Math.log1p over their whole domains, exact at the points the
 * cross-entropy depends on (exp(0) = 1, log1p(0) = 0), and 0 where the documented cut-offs apply.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expNonPositive, log1pNonNegative } from '../../src/kernels/portable-math.js';

/** |a − b| in units of the last place of b. */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  const exponent = Math.floor(Math.log2(Math.abs(b)));
  return Math.abs(a - b) / 2 ** (exponent - 52);
}

describe('expNonPositive', () => {
  it('is exactly 1 at 0 (the maximal logit of a row contributes exactly 1)', () => {
    expect(expNonPositive(0)).toBe(1);
    expect(expNonPositive(-0)).toBe(1);
  });

  it('stays within 2 ulp of Math.exp on [-708, 0]', () => {
    fc.assert(
      fc.property(fc.double({ min: -708, max: 0, noNaN: true }), (x) => {
        expect(ulps(expNonPositive(x), Math.exp(x))).toBeLessThanOrEqual(2);
      }),
      { numRuns: 20000 },
    );
    for (const x of [-1e-300, -1e-17, -1e-8, -0.5, -Math.LN2 / 2, -Math.LN2, -1, -20, -87.3, -700, -708]) {
      expect(ulps(expNonPositive(x), Math.exp(x)), String(x)).toBeLessThanOrEqual(2);
    }
  });

  it('gives 0 below -708 (where exp < 2^-1021), for -Infinity and for NaN', () => {
    expect(expNonPositive(-708.0001)).toBe(0);
    expect(expNonPositive(-1e5)).toBe(0);
    expect(expNonPositive(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(expNonPositive(Number.NaN)).toBe(0);
  });
});

describe('log1pNonNegative', () => {
  it('is exactly 0 at 0 and s itself for s far below 1 ulp of 1', () => {
    expect(Object.is(log1pNonNegative(0), 0)).toBe(true);
    expect(log1pNonNegative(1e-300)).toBe(1e-300);
    expect(log1pNonNegative(2 ** -60)).toBe(2 ** -60);
  });

  it('stays within 2 ulp of Math.log1p from tiny sums to large ones', () => {
    const ranges = [
      fc.double({ min: 1e-300, max: 1e-10, noNaN: true }),
      fc.double({ min: 1e-10, max: 1, noNaN: true }),
      fc.double({ min: 1, max: 1e6, noNaN: true }),
    ];
    for (const range of ranges) {
      fc.assert(
        fc.property(range, (s) => {
          expect(ulps(log1pNonNegative(s), Math.log1p(s))).toBeLessThanOrEqual(2);
        }),
        { numRuns: 10000 },
      );
    }
    for (const s of [Math.SQRT2 - 1, Math.SQRT1_2 - 1 + 1, 1, 2, 3, 7, 1e15]) {
      expect(ulps(log1pNonNegative(s), Math.log1p(s)), String(s)).toBeLessThanOrEqual(2);
    }
  });
});
