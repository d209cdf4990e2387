import { describe, expect, it } from 'vitest';
import { explorerValues, maxOf } from '../../../src/web/sections/softmax-values.js';
import { expectClose } from '../../helpers/close.js';

function reference(u: number[]): number[] {
  const m = Math.max(...u);
  const e = u.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

const base = { z: [1, 2, 3, 4], shift: 0, temperature: 1, naive: false };

describe('explorerValues', () => {
  it('gives the softmax of (z + c) / T in float32', () => {
    const v = explorerValues({ ...base, shift: 1, temperature: 2 });
    expect(Array.from(v.inputs)).toEqual([1, 1.5, 2, 2.5]);
    expectClose(v.shown, reference([1, 1.5, 2, 2.5]), { atol: 1e-7 });
  });

  it('is unchanged by a shift c in stable mode, also where the naive form overflows float32', () => {
    const plain = explorerValues(base).stable;
    const shifted = explorerValues({ ...base, shift: 90 });
    expectClose(shifted.stable, plain, { atol: 1e-7 });
    expect(shifted.naive.some(Number.isNaN)).toBe(true);
  });

  it('shows the naive form when asked: NaN at z = 100 (e^100 overflows float32), exact at small z', () => {
    const big = explorerValues({ ...base, z: [1, 2, 3, 100], naive: true });
    expect(Array.from(big.shown.slice(0, 3))).toEqual([0, 0, 0]);
    expect(big.shown[3]).toBeNaN();
    // Stable: e^(3 − 100) ≈ 7.5e-43 survives as a float32 subnormal; a3 rounds to exactly 1.
    expect(big.stable[3]).toBe(1);
    expectClose(big.stable, reference([1, 2, 3, 100]), { atol: 1e-44 });
    const small = explorerValues({ ...base, naive: true });
    expectClose(small.shown, reference([1, 2, 3, 4]), { atol: 1e-7 });
  });
});

describe('maxOf', () => {
  it('returns the largest entry', () => {
    expect(maxOf(new Float32Array([1, 5, -2]))).toBe(5);
    expect(maxOf([])).toBe(-Infinity);
  });
});
