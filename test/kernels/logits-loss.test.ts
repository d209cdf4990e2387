/**
 * The training step's cross-entropy from logits (one pass per row, portable exp/log1p): against the numpy
 * float64 reference cases, against the public loss path (Math.exp, src/core/losses), and the wasm kernel
 * against its TypeScript twin bit for bit, rows with ±Infinity and NaN included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crossEntropyRows } from '../../src/core/losses/cross-entropy-rows.js';
import {
  type LogitsTargets,
  logitsCrossEntropy,
  logitsCrossEntropyJs,
} from '../../src/kernels/logits-loss.js';
import { allocFloat32, allocInt32, isResident } from '../../src/kernels/wasm-memory.js';
import { expectClose } from '../helpers/close.js';
import { REFERENCE_TOLERANCE, softmaxCases } from '../helpers/softmax-cases.js';

/** One float32 rounding step (relative), with a floor for values near zero. */
const FLOAT32_ROUNDING = { rtol: 2 ** -23, atol: 1e-45 };

function resident<T extends Float32Array | Int32Array>(values: ArrayLike<number>, kind: 'f32' | 'i32'): T {
  const view = kind === 'f32' ? allocFloat32(values.length) : allocInt32(values.length);
  view.set(Array.from(values));
  return view as T;
}

const isFloat32Exact = (rows: number[][]) => rows.flat().every((v) => Math.fround(v) === v);

/** Runs the kernel in wasm (arrays in the kernels' memory) and in the twin (plain arrays). */
function bothWays(
  z: ArrayLike<number>,
  rows: number,
  cols: number,
  target: ArrayLike<number>,
  sparse: boolean,
  withGrad: boolean,
  scale: number,
) {
  const zw = resident<Float32Array>(z, 'f32');
  const tw = sparse ? resident<Int32Array>(target, 'i32') : resident<Float32Array>(target, 'f32');
  const gw = withGrad ? allocFloat32(rows * cols) : null;
  const zj = Float32Array.from(z);
  const tj: LogitsTargets = sparse ? Int32Array.from(target) : Float32Array.from(target);
  const gj = withGrad ? new Float32Array(rows * cols) : null;
  expect(isResident(zw) && isResident(tw)).toBe(true);
  const wasm = logitsCrossEntropy(zw, rows, cols, tw, sparse, gw, scale);
  const js = logitsCrossEntropyJs(zj, rows, cols, tj, sparse, gj, scale);
  return { wasm, js, gradWasm: gw, gradJs: gj };
}

describe('logitsCrossEntropy against the reference cases', () => {
  const sparseCases = softmaxCases.sparse_ce_from_logits.filter((c) => isFloat32Exact(c.logits));
  it.each(sparseCases.map((c) => [c.name, c] as const))(
    'sparse %s: per-row losses to 1e-14, the gradient to float32 rounding',
    (_name, c) => {
      const rows = c.logits.length;
      const cols = c.logits[0]!.length;
      const z = c.logits.flat();
      for (let i = 0; i < rows; i++) {
        const row = bothWays(z.slice(i * cols, (i + 1) * cols), 1, cols, [c.labels[i]!], true, false, 1);
        expectClose(row.wasm, c.per_example[i]!, REFERENCE_TOLERANCE, `row ${i}`);
      }
      const all = bothWays(z, rows, cols, c.labels, true, true, 1 / rows);
      expectClose(all.wasm / rows, c.mean, REFERENCE_TOLERANCE, 'mean');
      expectClose(all.gradWasm!, c.grad_mean_wrt_logits.flat(), FLOAT32_ROUNDING, 'gradient');
      expect(Object.is(all.wasm, all.js)).toBe(true);
      expect(Array.from(all.gradJs!)).toEqual(Array.from(all.gradWasm!));
    },
  );

  const categorical = softmaxCases.categorical_ce_onehot.filter(
    (c) => c.from_logits && c.logits && isFloat32Exact(c.logits),
  );
  it.each(categorical.map((c) => [c.name, c] as const))(
    'one-hot targets %s: per-row losses to 1e-14, the gradient to float32 rounding',
    (_name, c) => {
      const logits = c.logits!;
      const rows = logits.length;
      const cols = logits[0]!.length;
      const all = bothWays(logits.flat(), rows, cols, c.onehot.flat(), false, true, 1 / rows);
      expectClose(all.wasm / rows, c.mean, REFERENCE_TOLERANCE, 'mean');
      if (c.grad_mean_wrt_logits) {
        expectClose(all.gradWasm!, c.grad_mean_wrt_logits.flat(), FLOAT32_ROUNDING, 'gradient');
      }
      expect(Object.is(all.wasm, all.js)).toBe(true);
    },
  );
});

/** Logits that exercise every branch: ordinary, far apart, tied maxima, ±Infinity and NaN. */
const logit = fc.oneof(
  { weight: 20, arbitrary: fc.float({ min: -20, max: 20, noNaN: true }) },
  { weight: 3, arbitrary: fc.float({ min: Math.fround(-3e38), max: Math.fround(3e38), noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 1, -1, 7.5) },
  { weight: 1, arbitrary: fc.constantFrom(Infinity, -Infinity, Number.NaN) },
);

const block = fc
  .record({ rows: fc.integer({ min: 1, max: 9 }), cols: fc.integer({ min: 1, max: 11 }) })
  .chain(({ rows, cols }) =>
    fc.record({
      rows: fc.constant(rows),
      cols: fc.constant(cols),
      z: fc.array(logit, { minLength: rows * cols, maxLength: rows * cols }),
      labels: fc.array(fc.integer({ min: 0, max: cols - 1 }), { minLength: rows, maxLength: rows }),
      soft: fc.array(fc.constantFrom(0, 0, 0, 0.25, 0.5, 1), {
        minLength: rows * cols,
        maxLength: rows * cols,
      }),
      withGrad: fc.boolean(),
    }),
  );

describe('logitsCrossEntropy in wasm and in TypeScript', () => {
  it('give the same bits (loss and gradient), with labels or target rows', () => {
    fc.assert(
      fc.property(block, ({ rows, cols, z, labels, soft, withGrad }) => {
        for (const sparse of [true, false]) {
          const r = bothWays(z, rows, cols, sparse ? labels : soft, sparse, withGrad, 1 / rows);
          expect(Object.is(r.wasm, r.js)).toBe(true);
          if (withGrad) expect(Array.from(r.gradWasm!)).toEqual(Array.from(r.gradJs!));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('agree with the public losses (Math.exp) to 1e-14 on the loss and to float32 rounding on the gradient', () => {
    fc.assert(
      fc.property(block, ({ rows, cols, z, labels, soft }) => {
        for (const sparse of [true, false]) {
          const target = sparse ? labels : soft;
          const r = bothWays(z, rows, cols, target, sparse, true, 1 / rows);
          const grad = new Float32Array(rows * cols);
          const targets = sparse ? Int32Array.from(target) : Float32Array.from(target);
          const want = crossEntropyRows(
            Float32Array.from(z),
            rows,
            cols,
            targets,
            sparse,
            true,
            'plain_clip',
            grad,
            1 / rows,
            null,
          );
          expectClose(r.wasm, want, { rtol: 1e-14, atol: 1e-300 }, 'loss');
          // The gradient (p - t) / rows is formed in float64 and rounded once to float32; the two sides' p
          // differ by a few float64 ulps of p (their exp differ by < 1 ulp), which (p - t) keeps in absolute
          // terms when p is close to a soft target t: hence the atol of 2^-50 / rows besides float32 rounding.
          expectClose(r.gradWasm!, grad, { rtol: 2 ** -23, atol: 2 ** -50 / rows }, 'gradient');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
