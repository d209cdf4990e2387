/**
 * The fused Dense passes (one wasm call per layer and pass) against the same passes written naively in
 * float64: y = f(x·w + b); dz = dy ⊙ f'(z), db = Σ dz, dw = xᵀ·dz, dx = dz·wᵀ.
 */
import { describe, expect, it } from 'vitest';
import { denseBackward, denseForward } from '../../src/kernels/dense-kernels.js';
import { allocFloat32 } from '../../src/kernels/wasm-memory.js';
import { expectClose } from '../helpers/close.js';
import { randomFloats } from './gemm-reference.js';

function resident(values: ArrayLike<number>): Float32Array {
  const view = allocFloat32(values.length);
  view.set(values);
  return view;
}

function naiveForward(
  x: Float32Array,
  w: Float32Array,
  b: Float32Array | null,
  rows: number,
  k: number,
  n: number,
  relu: boolean,
) {
  const y = new Float64Array(rows * n);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < n; j++) {
      let s = b ? b[j]! : 0;
      for (let p = 0; p < k; p++) s += x[r * k + p]! * w[p * n + j]!;
      y[r * n + j] = relu ? Math.max(s, 0) : s;
    }
  }
  return y;
}

const shapes = [
  [1, 1, 1],
  [32, 2, 25],
  [32, 25, 15],
  [32, 15, 4],
  [17, 129, 3],
] as const;

describe.each(['relu', 'linear'] as const)('the fused Dense passes (%s)', (activation) => {
  it.each(shapes)(
    'forward and backward match the naive passes for %i rows, %i inputs, %i units',
    (rows, k, n) => {
      const relu = activation === 'relu';
      const x = resident(randomFloats(rows * k, rows + k));
      const w = resident(randomFloats(k * n, n));
      const b = resident(randomFloats(n, 3));
      const y = allocFloat32(rows * n);
      expect(denseForward(rows, k, n, x, w, b, y, activation)).toBe(true);
      const yWant = naiveForward(x, w, b, rows, k, n, relu);
      expectClose(y, yWant, { atol: 1e-5 });

      const dyValues = randomFloats(rows * n, 77);
      const dy = resident(dyValues);
      const dw = resident(randomFloats(k * n, 5)); // stale values: the pass must overwrite them
      const db = resident(randomFloats(n, 6));
      const dx = resident(randomFloats(rows * k, 7));
      expect(denseBackward(rows, k, n, x, w, y, dy, dw, db, dx, activation)).toBe(true);
      const dz = Array.from(dyValues, (g, i) => (relu && !(y[i]! > 0) ? 0 : g));
      expectClose(dy, dz);
      const dwWant = new Float64Array(k * n);
      const dbWant = new Float64Array(n);
      const dxWant = new Float64Array(rows * k);
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < n; j++) {
          const g = dz[r * n + j]!;
          dbWant[j]! += g;
          for (let p = 0; p < k; p++) {
            dwWant[p * n + j]! += x[r * k + p]! * g;
            dxWant[r * k + p]! += g * w[p * n + j]!;
          }
        }
      }
      expectClose(dw, dwWant, { atol: 1e-5 });
      expectClose(db, dbWant, { atol: 1e-5 });
      expectClose(dx, dxWant, { atol: 1e-5 });
    },
  );
});

describe('the fused Dense passes', () => {
  it('work without a bias and without an input gradient', () => {
    const [rows, k, n] = [9, 5, 6];
    const x = resident(randomFloats(rows * k, 1));
    const w = resident(randomFloats(k * n, 2));
    const y = allocFloat32(rows * n);
    expect(denseForward(rows, k, n, x, w, null, y, 'linear')).toBe(true);
    expectClose(y, naiveForward(x, w, null, rows, k, n, false), { atol: 1e-6 });
    const dw = allocFloat32(k * n);
    expect(
      denseBackward(rows, k, n, x, w, y, resident(randomFloats(rows * n, 3)), dw, null, null, 'linear'),
    ).toBe(true);
  });

  it('apply relu as Math.max(z, 0): negative pre-activations become +0, NaN stays NaN', () => {
    for (const n of [7, 200]) {
      // One input: z = x·w + b per unit, with the bias alone deciding the sign (x = 0) except in unit 1.
      const x = resident([0]);
      const w = resident(Array.from({ length: n }, () => 0));
      const b = resident(Array.from({ length: n }, (_, j) => (j % 3 === 0 ? -2.5 : j % 3 === 1 ? -0 : 4)));
      b[1] = Number.NaN;
      const y = allocFloat32(n);
      expect(denseForward(1, 1, n, x, w, b, y, 'relu')).toBe(true);
      for (let j = 0; j < n; j++) {
        const want = j === 1 ? Number.NaN : Math.max(Math.fround(b[j]! + 0), 0);
        expect(Object.is(y[j], want), `unit ${j} of ${n}: ${y[j]}`).toBe(true);
      }
    }
  });

  it('decline (return false, change nothing) when an array is outside the kernels memory', () => {
    const x = new Float32Array(4);
    const w = resident([1, 2, 3, 4]);
    const y = allocFloat32(4);
    y.fill(9);
    expect(denseForward(2, 2, 2, x, w, null, y, 'relu')).toBe(false);
    expect(Array.from(y)).toEqual([9, 9, 9, 9]);
  });
});
