/** The plain-JS kernels (the fallback where WebAssembly SIMD is missing) against the naive reference. */
import { describe, it } from 'vitest';
import { broadcastRows, columnSums, gemmNN, gemmNT, gemmTN } from '../../src/kernels/gemm-js.js';
import { expectClose } from '../helpers/close.js';
import { randomFloats, referenceProduct } from './gemm-reference.js';

describe('the plain-JS GEMM kernels', () => {
  it('match the naive product for every transpose on odd shapes', () => {
    let seed = 100;
    for (const [m, n, k] of [
      [1, 1, 1],
      [3, 17, 129],
      [17, 3, 784],
      [129, 1, 17],
    ] as const) {
      for (const [transA, transB, f] of [
        [false, false, gemmNN],
        [false, true, gemmNT],
        [true, false, gemmTN],
      ] as const) {
        const a = randomFloats(m * k, seed++);
        const b = randomFloats(k * n, seed++);
        const c = randomFloats(m * n, seed++);
        const { expected, atol } = referenceProduct({ transA, transB, m, n, k }, a, b, c.slice());
        f(m, n, k, a, b, c);
        expectClose(c, expected, { atol });
      }
    }
  });

  it('skip exact zeros of a without changing the result (relu outputs)', () => {
    const a = Float32Array.of(0, 2, 0, 3);
    const b = Float32Array.of(1, 2, 3, 4);
    const c = new Float32Array(4);
    gemmNN(2, 2, 2, a, b, c);
    expectClose(c, [6, 8, 9, 12]);
  });
});

describe('columnSums and broadcastRows', () => {
  it('sum the columns of a block and repeat a bias row', () => {
    const out = new Float32Array(3);
    columnSums(2, 3, Float32Array.of(1, 2, 3, 10, 20, 30), out);
    expectClose(out, [11, 22, 33]);
    const c = new Float32Array(6);
    broadcastRows(2, 3, Float32Array.of(7, 8, 9), c);
    expectClose(c, [7, 8, 9, 7, 8, 9]);
  });
});
