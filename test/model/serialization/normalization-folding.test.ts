import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldNormalization,
  sameFloat32Bits,
} from '../../../src/model/serialization/normalization-folding.js';

describe('foldNormalization', () => {
  it('gives a Dense layer computing ((x − μ) / s)·W + b, checked in float64 on random layers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 60, maxLength: 60 }),
        (n, units, r) => {
          const mean = Float32Array.from({ length: n }, (_, i) => r[i]!);
          const den = Float32Array.from({ length: n }, (_, i) => 0.5 + Math.abs(r[10 + i]!));
          const kernel = Float32Array.from({ length: n * units }, (_, i) => r[20 + (i % 20)]!);
          const bias = Float32Array.from({ length: units }, (_, j) => r[40 + j]!);
          const x = Array.from({ length: n }, (_, i) => r[50 + i]! * 4);
          const folded = foldNormalization(mean, den, { kernel, bias }, units);
          for (let j = 0; j < units; j++) {
            let direct = bias[j]!;
            let viaFold = folded.bias[j]!;
            for (let i = 0; i < n; i++) {
              direct += ((x[i]! - mean[i]!) / den[i]!) * kernel[i * units + j]!;
              viaFold += x[i]! * folded.kernel[i * units + j]!;
            }
            expect(Math.abs(viaFold - direct)).toBeLessThan(1e-5 * (1 + Math.abs(direct)));
          }
        },
      ),
    );
  });

  it('treats a missing bias as zero, and compares bit patterns', () => {
    const f = foldNormalization(
      new Float32Array([2]),
      new Float32Array([4]),
      { kernel: new Float32Array([8]), bias: null },
      1,
    );
    expect(Array.from(f.kernel)).toEqual([2]);
    expect(Array.from(f.bias)).toEqual([-4]);
    expect(sameFloat32Bits(new Float32Array([0]), new Float32Array([-0]))).toBe(false);
    expect(sameFloat32Bits(new Float32Array([1, 2]), new Float32Array([1, 2]))).toBe(true);
  });
});
