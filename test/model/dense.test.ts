/**
 * Dense: forward against a float64 reference of y = f(x·W + b), and the analytic backward pass against central
 * finite differences of that reference, for every activation (ISSUE: finite-difference checks for every layer).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomState } from '../../src/core/random/random-state.js';
import { type ActivationName, activationNames } from '../../src/model/activations.js';
import { Dense } from '../../src/model/dense.js';
import { expectClose } from '../helpers/close.js';

function activate(name: ActivationName, z: number[]): number[] {
  switch (name) {
    case 'linear':
      return z;
    case 'relu':
      return z.map((v) => Math.max(v, 0));
    case 'sigmoid':
      return z.map((v) => 1 / (1 + Math.exp(-v)));
    case 'tanh':
      return z.map(Math.tanh);
    case 'softmax': {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    }
  }
}

/** Float64 reference: rows of f(x·W + b). */
function reference(
  name: ActivationName,
  x: number[][],
  W: number[][],
  b: number[],
): { z: number[][]; y: number[][] } {
  const z = x.map((row) => b.map((bj, j) => row.reduce((s, xi, i) => s + xi * W[i]![j]!, bj)));
  return { z, y: z.map((r) => activate(name, r)) };
}

/** L = Σ c ⊙ y, so dL/dy = c. */
function objective(name: ActivationName, x: number[][], W: number[][], b: number[], c: number[][]): number {
  const { y } = reference(name, x, W, b);
  return y.reduce((s, row, i) => s + row.reduce((t, v, j) => t + v * c[i]![j]!, 0), 0);
}

function setup(name: ActivationName, seed: number, rows = 3, inDim = 4, units = 5) {
  const rs = new RandomState(seed);
  const layer = new Dense({ units, activation: name, biasInitializer: 'glorotUniform' });
  layer.build(inDim, rs);
  const [kernel, bias] = layer.params();
  const W = Array.from({ length: inDim }, (_, i) =>
    Array.from(kernel!.value.subarray(i * units, (i + 1) * units)),
  );
  const b = Array.from(bias!.value);
  let x: number[][];
  // Keep pre-activations away from relu's kink so finite differences do not straddle it.
  do {
    x = Array.from({ length: rows }, () =>
      Array.from(rs.uniform(-2, 2, inDim) as Float64Array, (v) => Math.fround(v)),
    );
  } while (
    reference('linear', x, W, b)
      .z.flat()
      .some((v) => Math.abs(v) < 1e-3)
  );
  const c = Array.from({ length: rows }, () => Array.from(rs.uniform(-1, 1, units) as Float64Array));
  return { layer, W, b, x, c, kernel: kernel!, bias: bias! };
}

describe.each(activationNames.map((a) => [a]))('Dense with %s', (name) => {
  it('forward equals f(x·W + b) computed in float64, to float32 precision', () => {
    const { layer, W, b, x } = setup(name, 1);
    const out = layer.forward(Float32Array.from(x.flat()), x.length);
    expectClose(Array.from(out.subarray(0, x.length * 5)), reference(name, x, W, b).y.flat(), {
      rtol: 1e-5,
      atol: 1e-6,
    });
  });

  it('backward matches central finite differences for the kernel, the bias and the input', () => {
    const h = 1e-6;
    for (const seed of [2, 3, 4]) {
      const { layer, W, b, x, c, kernel, bias } = setup(name, seed);
      layer.forward(Float32Array.from(x.flat()), x.length);
      const dx = layer.backward(Float32Array.from(c.flat()), x.length, true)!;
      const numW = W.map((row, i) =>
        row.map((_, j) => {
          const plus = W.map((r) => [...r]);
          const minus = W.map((r) => [...r]);
          plus[i]![j]! += h;
          minus[i]![j]! -= h;
          return (objective(name, x, plus, b, c) - objective(name, x, minus, b, c)) / (2 * h);
        }),
      );
      const numB = b.map((_, j) => {
        const plus = [...b];
        const minus = [...b];
        plus[j]! += h;
        minus[j]! -= h;
        return (objective(name, x, W, plus, c) - objective(name, x, W, minus, c)) / (2 * h);
      });
      const numX = x.map((row, r) =>
        row.map((_, i) => {
          const plus = x.map((q) => [...q]);
          const minus = x.map((q) => [...q]);
          plus[r]![i]! += h;
          minus[r]![i]! -= h;
          return (objective(name, plus, W, b, c) - objective(name, minus, W, b, c)) / (2 * h);
        }),
      );
      const tol = { rtol: 1e-4, atol: 1e-5 };
      expectClose(Array.from(kernel.grad), numW.flat(), tol, `dW seed ${seed}`);
      expectClose(Array.from(bias.grad), numB, tol, `db seed ${seed}`);
      expectClose(Array.from(dx.subarray(0, x.length * 4)), numX.flat(), tol, `dx seed ${seed}`);
    }
  });
});

describe('Dense options', () => {
  it('has Keras defaults: linear, bias, glorotUniform kernel, zeros bias, names dense, dense_1, ...', () => {
    const a = new Dense({ units: 3 });
    const b = new Dense({ units: 3 });
    expect(a.activation.name).toBe('linear');
    expect(a.useBias).toBe(true);
    expect(a.kernelInitializer).toBe('glorotUniform');
    expect(a.biasInitializer).toBe('zeros');
    expect(b.name).not.toBe(a.name);
    expect(b.name).toMatch(/^dense_\d+$/);
  });

  it('refuses bad units, activations, initializers and unknown options with what was expected', () => {
    expect(() => new Dense({ units: 0 })).toThrow('Dense.units: expected a positive integer, got 0');
    expect(() => new Dense({ units: 2.5 })).toThrow(/positive integer, got 2.5/);
    expect(() => new Dense({ units: 4, activation: 'relux' as 'relu' })).toThrow(
      'activation: expected one of linear, relu, sigmoid, tanh, softmax, got "relux"',
    );
    expect(() => new Dense({ units: 4, kernelInitializer: 'random' })).toThrow(
      /initializer: expected one of glorotUniform/,
    );
    expect(() => new Dense({ unit: 4 } as unknown as { units: number })).toThrow(/unknown option "unit"/);
  });

  it('without a bias has only a kernel', () => {
    const layer = new Dense({ units: 2, useBias: false });
    layer.build(3, new RandomState(0));
    expect(layer.params().map((p) => p.name)).toEqual(['kernel']);
  });

  it('softmax rows sum to 1 and relu outputs are non-negative, for any finite input (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (xs) => {
          const rs = new RandomState(7);
          const sm = new Dense({ units: 3, activation: 'softmax' });
          sm.build(2, rs);
          const p = sm.forward(Float32Array.from(xs), 3);
          for (let r = 0; r < 3; r++)
            expect(Math.abs(p[3 * r]! + p[3 * r + 1]! + p[3 * r + 2]! - 1)).toBeLessThan(1e-6);
          const re = new Dense({ units: 3, activation: 'relu' });
          re.build(2, rs);
          expect(Array.from(re.forward(Float32Array.from(xs), 3)).every((v) => v >= 0)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
