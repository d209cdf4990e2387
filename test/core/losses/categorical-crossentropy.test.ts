import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneHot } from '../../../src/core/argmax.js';
import { LabelError, ShapeError } from '../../../src/core/errors.js';
import { CategoricalCrossentropy } from '../../../src/core/losses/categorical-crossentropy.js';
import { SparseCategoricalCrossentropy } from '../../../src/core/losses/sparse-categorical-crossentropy.js';
import { Matrix } from '../../../src/core/matrix.js';
import { expectClose } from '../../helpers/close.js';
import { finiteDifferenceGradient } from '../../helpers/finite-difference.js';
import { REFERENCE_TOLERANCE, softmaxCases } from '../../helpers/softmax-cases.js';

const FD_TOLERANCE = { rtol: 1e-6, atol: 1e-7 };

describe('CategoricalCrossentropy against the numpy reference', () => {
  for (const c of softmaxCases.categorical_ce_onehot) {
    const path = c.from_logits ? 'logits' : 'probabilities';
    it(`matches ${c.name} from ${path}: per example, mean${c.grad_mean_wrt_logits ? ' and gradient' : ''}`, () => {
      const loss = new CategoricalCrossentropy({ fromLogits: c.from_logits });
      const pred = (c.from_logits ? c.logits : c.probs)!;
      expectClose(loss.perExample(c.onehot, pred), c.per_example, REFERENCE_TOLERANCE, 'per_example');
      expectClose(loss.call(c.onehot, pred), c.mean, REFERENCE_TOLERANCE, 'mean');
      if (c.grad_mean_wrt_logits) {
        expectClose(
          loss.gradient(c.onehot, pred).toArray(),
          c.grad_mean_wrt_logits,
          REFERENCE_TOLERANCE,
          'grad',
        );
      }
    });
  }

  it('uses normalize_then_clip (every Keras backend) by default for probabilities', () => {
    const loss = new CategoricalCrossentropy();
    expect(loss.name).toBe('categorical_crossentropy');
    expect(loss.fromLogits).toBe(false);
    expect(loss.probabilityVariant).toBe('normalize_then_clip');
  });

  it('offers the other probability variants, matching the sparse reference values', () => {
    for (const c of softmaxCases.sparse_ce_from_probs) {
      const targets = oneHot(c.labels, c.probs[0]!.length);
      const plain = new CategoricalCrossentropy({ probabilityVariant: 'plain_clip' });
      expectClose(plain.perExample(targets, c.probs), c.per_example, REFERENCE_TOLERANCE, c.name);
      const tf = new CategoricalCrossentropy({ probabilityVariant: 'clip_then_normalize' });
      expectClose(
        tf.perExample(targets, c.probs),
        c.keras_tf_per_example,
        { rtol: 1e-14, atol: 2 ** -52 },
        c.name,
      );
    }
  });
});

describe('CategoricalCrossentropy gradients', () => {
  const rows = 3;
  const cols = 4;
  const block = (min: number, max: number) =>
    fc.array(fc.double({ min, max, noNaN: true }), { minLength: rows * cols, maxLength: rows * cols });
  // Soft rows: positive weights normalised to sum 1 (what allowSoftTargets accepts).
  const softTargets = block(0.05, 1).map((w) => {
    const t = Float64Array.from(w);
    for (let i = 0; i < rows; i++) {
      const row = t.subarray(i * cols, (i + 1) * cols);
      const s = row.reduce((a, b) => a + b, 0);
      row.forEach((v, j) => {
        row[j] = v / s;
      });
    }
    return t;
  });
  const oneHotTargets = fc
    .array(fc.integer({ min: 0, max: cols - 1 }), { minLength: rows, maxLength: rows })
    .map((labels) => Float64Array.from(oneHot(labels, cols).data));

  function check(loss: CategoricalCrossentropy, pred: number[], target: Float64Array) {
    const p = Float64Array.from(pred);
    const grad = new Float64Array(p.length);
    loss.lossAndGradient(p, rows, cols, target, grad, 1);
    const numeric = finiteDifferenceGradient((x) => loss.lossAndGradient(x, rows, cols, target, null, 1), p);
    expectClose(grad, numeric, FD_TOLERANCE);
  }

  it('match finite differences from logits, for one-hot and soft targets', () => {
    const loss = new CategoricalCrossentropy({ fromLogits: true });
    fc.assert(
      fc.property(block(-8, 8), fc.oneof(oneHotTargets, softTargets), (z, t) => check(loss, z, t)),
      {
        numRuns: 50,
      },
    );
  });

  it('use (Σt)·softmax − t, the exact gradient even when a raw target does not sum to 1', () => {
    const loss = new CategoricalCrossentropy({ fromLogits: true });
    fc.assert(
      fc.property(block(-8, 8), block(0, 2), (z, t) => check(loss, z, Float64Array.from(t))),
      {
        numRuns: 30,
      },
    );
  });

  for (const variant of ['normalize_then_clip', 'clip_then_normalize', 'plain_clip'] as const) {
    it(`match finite differences from probabilities away from the clip bounds (${variant})`, () => {
      const loss = new CategoricalCrossentropy({ probabilityVariant: variant });
      fc.assert(
        fc.property(block(0.01, 0.9), fc.oneof(oneHotTargets, softTargets), (p, t) => check(loss, p, t)),
        {
          numRuns: 50,
        },
      );
    });
  }

  it('stop at a clipped probability', () => {
    const loss = new CategoricalCrossentropy();
    // q = p / Σp = [1, 0]: both outside [ε, 1 − ε], so the loss −log(1 − ε) is flat.
    expect(Array.from(loss.gradient([[1, 0]], [[0.7, 0]]).data)).toEqual([0, 0]);
  });

  it('equal the sparse loss gradient for one-hot rows, in float32 too', () => {
    const c = softmaxCases.sparse_ce_from_logits.find((s) => s.name === 'ten_classes')!;
    const z = Matrix.from(c.logits, 'float32');
    const sparse = new SparseCategoricalCrossentropy({ fromLogits: true }).gradient(c.labels, z);
    const dense = new CategoricalCrossentropy({ fromLogits: true }).gradient(oneHot(c.labels, 10), z);
    expect(dense.dtype).toBe('float32');
    expect(Array.from(dense.data)).toEqual(Array.from(sparse.data));
  });
});

describe('CategoricalCrossentropy inputs', () => {
  const loss = new CategoricalCrossentropy({ fromLogits: true });
  const z = [
    [1, 2, 3],
    [0, 0, 0],
  ];

  it('names the row of a target that is not one-hot', () => {
    expect(() =>
      loss.call(
        [
          [0, 0, 1],
          [0, 1, 1],
        ],
        z,
      ),
    ).toThrow(LabelError);
    expect(() =>
      loss.call(
        [
          [0, 0, 1],
          [0, 1, 1],
        ],
        z,
      ),
    ).toThrow('yTrue: expected one-hot rows (a single 1, the rest 0), got 2 entries equal to 1 (at row 1).');
    expect(() =>
      loss.gradient(
        [
          [0.2, 0.8, 0],
          [1, 0, 0],
        ],
        z,
      ),
    ).toThrow('got 0.2 (at row 0, column 0)');
  });

  it('accepts soft targets when asked, and still checks them', () => {
    const soft = new CategoricalCrossentropy({ fromLogits: true, allowSoftTargets: true });
    expect(soft.allowSoftTargets).toBe(true);
    expect(
      soft.call(
        [
          [0.1, 0.1, 0.8],
          [1, 0, 0],
        ],
        z,
      ),
    ).toBeGreaterThan(0);
    expect(() =>
      soft.call(
        [
          [0.1, 0.1, 0.7],
          [1, 0, 0],
        ],
        z,
      ),
    ).toThrow(/got a row summing to 0\.\d+ \(at row 0\)/);
  });

  it('rejects a target whose shape differs from the predictions', () => {
    expect(() => loss.call([[0, 1, 0]], z)).toThrow(ShapeError);
    expect(() => loss.call([[0, 1, 0]], z)).toThrow(
      'yTrue: expected a 2 x 3 matrix (the shape of yPred), got a 1 x 3 matrix.',
    );
    expect(() =>
      loss.call(
        [
          [0, 1],
          [1, 0],
        ],
        z,
      ),
    ).toThrow('got a 2 x 2 matrix');
  });

  it('points integer labels to the sparse loss', () => {
    expect(() => loss.call([2, 0] as unknown as number[][], z)).toThrow(ShapeError);
    expect(() => loss.call([2, 0] as unknown as number[][], z)).toThrow(/SparseCategoricalCrossentropy/);
    expect(() => loss.call([[2], [0]], z)).toThrow(/SparseCategoricalCrossentropy/);
  });

  it('rejects invalid options', () => {
    expect(
      () => new CategoricalCrossentropy({ probabilityVariant: 'tf' as unknown as 'plain_clip' }),
    ).toThrow(
      "CategoricalCrossentropy.probabilityVariant: expected one of 'clip_then_normalize', 'normalize_then_clip', 'plain_clip', got the string \"tf\".",
    );
  });

  it('does not turn a −Infinity logit outside the target into NaN', () => {
    expect(loss.perExample([[0, 1]], [[Number.NEGATIVE_INFINITY, 0]])[0]).toBe(0);
    expect(loss.perExample([[1, 0]], [[Number.NEGATIVE_INFINITY, 0]])[0]).toBe(Number.POSITIVE_INFINITY);
  });
});
