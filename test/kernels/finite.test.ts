/** allFinite on arrays in and out of the kernels' memory, short and long. */
import { describe, expect, it } from 'vitest';
import { allFinite } from '../../src/kernels/finite.js';
import { allocFloat32 } from '../../src/kernels/wasm-memory.js';

describe('allFinite', () => {
  for (const inKernels of [false, true]) {
    for (const length of [1, 5, 64, 1027]) {
      it(`finds a NaN or an infinity anywhere (length ${length}, in kernel memory: ${inKernels})`, () => {
        const x = inKernels ? allocFloat32(length) : new Float32Array(length);
        x.fill(1.5);
        expect(allFinite(x)).toBe(true);
        for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
          for (const at of [0, length - 1, length >> 1]) {
            x[at] = bad;
            expect(allFinite(x)).toBe(false);
            x[at] = -3e38;
          }
        }
        expect(allFinite(x)).toBe(true);
      });
    }
  }
});
