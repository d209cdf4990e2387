import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addRoundToOdd, fma } from '../../../src/core/random/exact-fma.js';

/** x = m · 2^e exactly, with a BigInt m (finite x only). */
function decompose(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const m = biased === 0 ? fraction : fraction | (1n << 52n);
  return { m: negative ? -m : m, e: (biased === 0 ? 1 : biased) - 1075 };
}

/**
 * round(a·b + c) computed exactly with BigInts: the exact sum as M · 2^E, cut to 64 significant bits with a
 * sticky bit (enough for a correct final rounding), then converted by Number(), which rounds to nearest-even.
 */
function referenceFma(a: number, b: number, c: number): number {
  const pa = decompose(a);
  const pb = decompose(b);
  const pc = decompose(c);
  const eProd = pa.e + pb.e;
  const E = Math.min(eProd, pc.e);
  const M = ((pa.m * pb.m) << BigInt(eProd - E)) + (pc.m << BigInt(pc.e - E));
  if (M === 0n) return a * b + c;
  const negative = M < 0n;
  let mag = negative ? -M : M;
  let exp = E;
  const extra = mag.toString(2).length - 64;
  if (extra > 0) {
    const sticky = (mag & ((1n << BigInt(extra)) - 1n)) !== 0n;
    mag >>= BigInt(extra);
    if (sticky) mag |= 1n;
    exp += extra;
  }
  const value = Number(mag) * 2 ** exp;
  return negative ? -value : value;
}

/** Doubles with moderate exponents (no overflow or underflow in a·b + c), both signs. */
const moderate = fc
  .double({ min: -1e30, max: 1e30, noNaN: true, noDefaultInfinity: true })
  .filter((x) => x === 0 || Math.abs(x) > 1e-30);

describe('fma', () => {
  it('rounds once where a * b + c rounds twice', () => {
    const e = 2 ** -30;
    expect(fma(1 + e, 1 - e, -1)).toBe(-(2 ** -60));
    expect((1 + e) * (1 - e) - 1).toBe(0);
  });

  it('avoids the double rounding a round-to-nearest inner sum would make (a tie that is not one)', () => {
    // a·b = 2^-53·(1 + ε) with 0 < ε < 2^-53, so round(a·b) = 2^-53 and 1 + round(a·b) is an exact tie that
    // rounds to even (1), while the exact 1 + a·b is just above the tie and rounds up to 1 + 2^-52.
    const a = 1 + 2 ** -30;
    const b = 2 ** -53 * (1 - 2 ** -30 + 2 ** -53);
    expect(referenceFma(a, b, 1)).toBe(1 + 2 ** -52);
    expect(fma(a, b, 1)).toBe(1 + 2 ** -52);
    expect(fma(-a, b, -1)).toBe(-(1 + 2 ** -52));
  });

  it('equals a BigInt-exact fma on random triples', () => {
    fc.assert(
      fc.property(moderate, moderate, moderate, (a, b, c) => {
        expect(fma(a, b, c)).toBe(referenceFma(a, b, c));
      }),
      { numRuns: 20000 },
    );
  });

  it('equals the exact fma when c nearly cancels a·b', () => {
    fc.assert(
      fc.property(moderate, moderate, fc.integer({ min: -40, max: 40 }), (a, b, ulps) => {
        // c = -round(a·b) nudged by a few ulps: the exact result is tiny and every bit of the product counts.
        const p = a * b;
        const c = -(p + ulps * (Math.abs(p) * Number.EPSILON));
        expect(fma(a, b, c)).toBe(referenceFma(a, b, c));
      }),
      { numRuns: 20000 },
    );
  });

  it('equals the exact fma in the shape glibc log uses, fma(z, invc, -1) with z·invc near 1', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.7, max: 1.45, noNaN: true }),
        fc.integer({ min: -2000, max: 2000 }),
        (z, k) => {
          const invc = (1 / z) * (1 + k * Number.EPSILON);
          expect(fma(z, invc, -1)).toBe(referenceFma(z, invc, -1));
        },
      ),
      { numRuns: 20000 },
    );
  });

  it('passes infinities and NaN through like a * b + c', () => {
    expect(fma(Number.POSITIVE_INFINITY, 2, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(fma(2, 3, Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(fma(Number.NaN, 1, 1)).toBeNaN();
    expect(fma(0, 5, 3)).toBe(3);
  });
});

describe('addRoundToOdd', () => {
  it('returns exact sums unchanged and otherwise the neighbour with an odd last bit', () => {
    expect(addRoundToOdd(1, 2)).toBe(3);
    // 1 + 2^-60 lies between 1 and 1 + 2^-52; 1 has an even significand, so the odd neighbour is 1 + 2^-52.
    expect(addRoundToOdd(1, 2 ** -60)).toBe(1 + 2 ** -52);
    // Just below 1 the neighbour is 1 - 2^-53 (all significand bits set), across the binade boundary.
    expect(addRoundToOdd(1, -(2 ** -60))).toBe(1 - 2 ** -53);
    expect(addRoundToOdd(-1, -(2 ** -60))).toBe(-(1 + 2 ** -52));
  });
});
